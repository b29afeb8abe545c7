package loader

// N-Quads (.nq, .nquads; gzipped or not) in the layout of a Pharmagraph
// store, as our N-Quads export writes them (export/doc.go; graph/layout.go
// names the predicates):
//
//	<source> <biolink:name|biolink:knowledge_level|biolink:agent_type|pg:author|biolink:description> "text" .
//	<pgann:h> <pg:source> <source> .          and pg:section, biolink:knowledge_level,
//	                                          biolink:agent_type, pg:<qualifier> with text,
//	                                          biolink:aggregator_knowledge_source <source>...
//	<node> <biolink:category|biolink:xref> <CURIE> <pgann:h> .
//	<node> <biolink:name|biolink:synonym|biolink:description> "text" <pgann:h> .
//	<subject> <predicate> <object> <pgann:h> .   or "text" for a text predicate
//
// Each labelled quad becomes the node statement or fact it was written
// from, with the provenance and qualifiers its annotation describes, so
// that loading the quads of a store into an empty one gives the same
// quads. Names are kept as they are, not merged into a node's existing
// name. A file must describe the annotations and sources its quads use
// (the store's, for a source it already has).
//
// Quads of another layout (other RDF) are rejected, each with the reason:
// they lack what every fact needs, a source and the categories of the
// nodes it links, and the loader will not invent them.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"pharmagraph/graph"
)

func init() {
	formats = append(formats, &format{family: "nquads", name: "N-Quads", rank: 30, exact: true,
		guess: func(base, first string) bool {
			return strings.HasSuffix(base, ".nq") || strings.HasSuffix(base, ".nquads")
		},
		read: readNQuads})
}

// nquad is one quad of a file, its values as text, with its place.
type nquad struct {
	at                 pos
	s, p, o, label     string
	literal            bool // the object is text, not an IRI
	subjectIsAnn, fact bool
}

// nquadGroup gathers the quads of one subject (a source or an annotation) or
// of one node under one label.
type nquadGroup struct {
	first pos
	props map[string][]string
}

func (g *nquadGroup) add(q nquad) {
	if g.props == nil {
		g.first = q.at
		g.props = map[string][]string{}
	}
	g.props[q.p] = append(g.props[q.p], q.o)
}

// one returns the value of a property given at most once.
func (g *nquadGroup) one(p string) (string, error) {
	switch vs := g.props[p]; len(vs) {
	case 0:
		return "", nil
	case 1:
		return vs[0], nil
	default:
		return "", fmt.Errorf("%s given %d times", p, len(vs))
	}
}

func readNQuads(ctx context.Context, r *reader, p *parsed) error {
	var quads []nquad
	for {
		text, ok := r.next()
		if !ok {
			break
		}
		if r.line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if t := strings.TrimSpace(text); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		q, err := parseNQuad(text)
		q.at = r.at()
		if err != nil {
			p.bad(q.at, nquadPredicate(q), err)
			continue
		}
		quads = append(quads, q)
	}
	if err := r.err(); err != nil {
		return err
	}
	sources, anns := map[string]*nquadGroup{}, map[string]*nquadGroup{}
	type nodeKey struct{ node, label string }
	nodes := map[nodeKey]*nquadGroup{}
	var nodeOrder []nodeKey
	var facts []nquad
	for _, q := range quads {
		switch {
		case q.label == "" && q.subjectIsAnn:
			group(anns, q.s).add(q)
		case q.label == "":
			group(sources, q.s).add(q)
		case isNodeProperty(q.p):
			k := nodeKey{q.s, q.label}
			if nodes[k] == nil {
				nodes[k] = &nquadGroup{}
				nodeOrder = append(nodeOrder, k)
			}
			nodes[k].add(q)
		default:
			facts = append(facts, q)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(sources)) {
		g := sources[id]
		s, err := nquadSource(graph.ID(id), g)
		if err != nil {
			p.bad(g.first, "", err)
			continue
		}
		p.defineSource(ctx, g.first, s)
	}
	provs := map[string]graph.Provenance{}
	quals := map[string]map[graph.Qualifier]string{}
	for _, id := range slices.Sorted(maps.Keys(anns)) {
		g := anns[id]
		prov, qs, err := nquadAnnotation(g)
		if err != nil {
			p.bad(g.first, "", fmt.Errorf("annotation %s: %w", id, err))
			continue
		}
		provs[id], quals[id] = prov, qs
	}
	for _, k := range nodeOrder {
		g := nodes[k]
		prov, ok := provs[k.label]
		if !ok {
			p.bad(g.first, "", fmt.Errorf("node %s: annotation %s is not described in the file", k.node, k.label))
			continue
		}
		ns, err := nquadNodes(graph.ID(k.node), g)
		if err != nil {
			p.bad(g.first, "", err)
			continue
		}
		for _, n := range ns {
			p.addNode(g.first, graph.NodeFact{Node: n, Provenance: prov})
		}
	}
	for _, q := range facts {
		prov, ok := provs[q.label]
		if !ok {
			p.bad(q.at, graph.Predicate(q.p), fmt.Errorf("annotation %s is not described in the file", q.label))
			continue
		}
		f := graph.Fact{Subject: graph.ID(q.s), Predicate: graph.Predicate(q.p), Provenance: prov}
		if q.literal {
			f.Text = q.o
		} else {
			f.Object = graph.ID(q.o)
		}
		if qs := quals[q.label]; len(qs) > 0 {
			f.Qualifiers = qs
		}
		p.addFact(q.at, f)
	}
	return nil
}

func group(m map[string]*nquadGroup, key string) *nquadGroup {
	g := m[key]
	if g == nil {
		g = &nquadGroup{}
		m[key] = g
	}
	return g
}

func isNodeProperty(p string) bool {
	switch p {
	case graph.NodeCategory, graph.NodeName, graph.NodeSynonym, graph.NodeXref, graph.NodeDescription:
		return true
	}
	return false
}

// nquadPredicate returns the predicate a fact quad states, for counting a
// bad one; empty for other quads.
func nquadPredicate(q nquad) graph.Predicate {
	if !q.fact {
		return ""
	}
	return graph.Predicate(q.p)
}

// parseNQuad reads one line and checks that it fits the store's layout.
func parseNQuad(text string) (nquad, error) {
	raw, err := graph.ParseNQuad(text)
	q := nquad{s: raw.Subject, p: raw.Predicate, o: raw.Object, literal: raw.ObjectIsText, label: raw.Label}
	q.subjectIsAnn = strings.HasPrefix(q.s, graph.AnnotationPrefix)
	q.fact = raw.Label != "" && !isNodeProperty(q.p) && !q.subjectIsAnn
	switch {
	case err != nil:
		return q, err
	case raw.Label != "" && !strings.HasPrefix(q.label, graph.AnnotationPrefix):
		return q, fmt.Errorf("label <%s> is not an annotation (<%s...>): not a quad of a Pharmagraph store", raw.Label, graph.AnnotationPrefix)
	case raw.Label != "" && q.subjectIsAnn:
		return q, fmt.Errorf("an annotation's quads have no label")
	}
	return q, nil
}

// nquadSource reads the quads of a source.
func nquadSource(id graph.ID, g *nquadGroup) (graph.Source, error) {
	s := graph.Source{ID: id}
	for p := range g.props {
		switch p {
		case graph.SourceName, graph.SourceKnowledgeLevel, graph.SourceAgentType, graph.SourceAuthor, graph.SourceDescription:
		default:
			return s, fmt.Errorf("<%s> <%s>: not a quad of a Pharmagraph store (a source has %s, %s, %s, %s and %s)",
				id, p, graph.SourceName, graph.SourceKnowledgeLevel, graph.SourceAgentType, graph.SourceAuthor, graph.SourceDescription)
		}
	}
	var kl, at string
	var err error
	for _, f := range []struct {
		p string
		v *string
	}{{graph.SourceName, &s.Name}, {graph.SourceKnowledgeLevel, &kl}, {graph.SourceAgentType, &at},
		{graph.SourceAuthor, &s.Author}, {graph.SourceDescription, &s.Description}} {
		if *f.v, err = g.one(f.p); err != nil {
			return s, fmt.Errorf("source %s: %w", id, err)
		}
	}
	s.KnowledgeLevel, s.AgentType = graph.KnowledgeLevel(kl), graph.AgentType(at)
	return s, graph.CheckSource(s)
}

// nquadAnnotation reads the quads of an annotation: a provenance and
// qualifiers.
func nquadAnnotation(g *nquadGroup) (graph.Provenance, map[graph.Qualifier]string, error) {
	var prov graph.Provenance
	qs := map[graph.Qualifier]string{}
	for p := range g.props {
		if p == graph.AnnotationAggregator {
			for _, x := range slices.Sorted(slices.Values(g.props[p])) {
				prov.Aggregators = append(prov.Aggregators, graph.ID(x))
			}
			prov.Aggregators = slices.Compact(prov.Aggregators)
			continue
		}
		v, err := g.one(p)
		if err != nil {
			return prov, nil, err
		}
		switch p {
		case graph.AnnotationSource:
			prov.Source = graph.ID(v)
		case graph.AnnotationSection:
			prov.Section = v
		case graph.AnnotationKnowledgeLevel:
			prov.KnowledgeLevel = graph.KnowledgeLevel(v)
		case graph.AnnotationAgentType:
			prov.AgentType = graph.AgentType(v)
		default:
			name, ok := strings.CutPrefix(p, graph.QualifierPrefix)
			q, err := graph.ParseQualifier(name)
			if !ok || err != nil {
				return prov, nil, fmt.Errorf("%s is neither provenance nor a qualifier", p)
			}
			qs[q] = v
		}
	}
	if prov.Source == "" {
		return prov, nil, fmt.Errorf("no %s", graph.AnnotationSource)
	}
	return prov, qs, nil
}

// nquadNodes reads the quads of one node under one label: the node statements
// that wrote them, one for each name (and description) the label gives.
func nquadNodes(id graph.ID, g *nquadGroup) ([]graph.Node, error) {
	cat, err := g.one(graph.NodeCategory)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", id, err)
	}
	names, descs := g.props[graph.NodeName], g.props[graph.NodeDescription]
	if cat == "" || len(names) == 0 {
		return nil, fmt.Errorf("node %s: a node statement has a %s and a %s", id, graph.NodeCategory, graph.NodeName)
	}
	c, err := graph.CategoryOf(cat)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", id, err)
	}
	first := graph.Node{ID: id, Category: c, Synonyms: g.props[graph.NodeSynonym]}
	for _, x := range g.props[graph.NodeXref] {
		first.Xrefs = append(first.Xrefs, graph.ID(x))
	}
	var out []graph.Node
	for i := range max(len(names), len(descs)) {
		n := graph.Node{ID: id, Category: c}
		if i == 0 {
			n = first
		}
		n.Name = names[min(i, len(names)-1)]
		if i < len(descs) {
			n.Description = descs[i]
		}
		out = append(out, n)
	}
	return out, nil
}
