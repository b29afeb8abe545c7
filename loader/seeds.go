package loader

import (
	"context"
	"fmt"
	"strings"

	"pharmagraph/graph"
)

// The headers of the three kinds of seed file.
var (
	sourceHeader = []string{"id", "name", "author", "knowledge_level", "agent_type", "description"}
	nodeHeader   = []string{"id", "category", "name", "synonyms", "xrefs", "description", "source"}
	factHeader   = []string{"subject", "predicate", "object", "qualifiers", "source", "section"}
)

// listSep separates the items of a list cell.
const listSep = " | "

func init() {
	formats = append(formats, &format{
		family:  "seeds",
		name:    "seed file",
		rank:    10,
		strict:  true,
		curated: true,
		guess: func(base, first string) bool {
			h := strings.Split(first, "\t")
			return strings.HasSuffix(base, ".tsv") && (equal(h, sourceHeader) || equal(h, nodeHeader) || equal(h, factHeader))
		},
		read: readSeeds,
	})
}

// readSeeds reads one seed file, adding an error for every bad row.
func readSeeds(ctx context.Context, r *reader, p *parsed) error {
	var header []string
	for {
		text, ok := r.next()
		if !ok {
			return nil
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		at := r.at()
		cells := strings.Split(text, "\t")
		if header == nil {
			header = cells
			if !equal(header, sourceHeader) && !equal(header, nodeHeader) && !equal(header, factHeader) {
				p.bad(at, "", fmt.Errorf("unknown header %q: want the header of a source, node or fact file (see seeds/README.md)", text))
				return nil
			}
			continue
		}
		if len(cells) != len(header) {
			p.bad(at, "", fmt.Errorf("%d columns, want %d (%s)", len(cells), len(header), strings.Join(header, ", ")))
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		var err error
		switch {
		case equal(header, sourceHeader):
			err = p.sourceRow(cells, at)
		case equal(header, nodeHeader):
			err = p.nodeRow(cells, at)
		default:
			err = p.factRow(cells, at)
		}
		if err != nil {
			p.bad(at, "", err)
		}
		if p.full() || ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

func (p *parsed) sourceRow(c []string, at pos) error {
	s := graph.Source{ID: graph.ID(c[0]), Name: c[1], Author: c[2],
		KnowledgeLevel: graph.KnowledgeLevel(c[3]), AgentType: graph.AgentType(c[4]), Description: c[5]}
	if err := graph.CheckSource(s); err != nil {
		return err
	}
	p.addSource(at, s)
	return nil
}

func (p *parsed) nodeRow(c []string, at pos) error {
	cat, err := graph.ParseCategory(c[1])
	if err != nil {
		return err
	}
	n := graph.NodeFact{
		Node: graph.Node{ID: graph.ID(c[0]), Category: cat, Name: c[2], Synonyms: list(c[3]),
			Description: c[5]},
		Provenance: graph.Provenance{Source: graph.ID(c[6])},
	}
	for _, x := range list(c[4]) {
		n.Xrefs = append(n.Xrefs, graph.ID(x))
	}
	if err := graph.CheckNode(n); err != nil {
		return err
	}
	p.addNode(at, n)
	return nil
}

func (p *parsed) factRow(c []string, at pos) error {
	pred, err := graph.ParsePredicate(c[1])
	if err != nil {
		return err
	}
	f := graph.Fact{Subject: graph.ID(c[0]), Predicate: pred,
		Provenance: graph.Provenance{Source: graph.ID(c[4]), Section: c[5]}}
	if pred.Literal() {
		f.Text = c[2]
	} else {
		f.Object = graph.ID(c[2])
	}
	if c[3] != "" {
		f.Qualifiers = map[graph.Qualifier]string{}
		for _, kv := range strings.Split(c[3], ";") {
			k, v, ok := strings.Cut(kv, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || v == "" {
				return fmt.Errorf("qualifier %q is not key=value", strings.TrimSpace(kv))
			}
			switch k {
			case "knowledge_level":
				f.KnowledgeLevel = graph.KnowledgeLevel(v)
				continue
			case "agent_type":
				f.AgentType = graph.AgentType(v)
				continue
			}
			q, err := graph.ParseQualifier(k)
			if err != nil {
				return err
			}
			if _, dup := f.Qualifiers[q]; dup {
				return fmt.Errorf("qualifier %s given twice", q)
			}
			f.Qualifiers[q] = v
		}
	}
	p.addFact(at, f)
	return nil
}

// list splits a list cell.
func list(cell string) []string {
	if cell == "" {
		return nil
	}
	var out []string
	for _, s := range strings.Split(cell, strings.TrimSpace(listSep)) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.TrimSpace(a[i]) != b[i] {
			return false
		}
	}
	return true
}
