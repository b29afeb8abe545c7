package graph

import (
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// index is the read model: every quad of the store, decoded into maps that
// answer the typed queries without touching the backend. It is built by one
// scan when the store opens and kept current by every write, so reads cost
// map lookups whatever the backend.
type index struct {
	nodes   map[ID]*nodeRec
	recs    []*nodeRec      // the node of each term, or nil
	names   map[string][]ID // folded name, synonym, id or xref -> nodes
	out     map[ID][]half   // each node's facts as their subject, sorted between writes (see adjacency.go)
	in      map[ID][]half   // each node's facts as their object
	dirty   map[ID]bool     // nodes whose out list a write has appended to since the last compaction
	dirtyIn map[ID]bool     // likewise for in lists
	facts   int             // how many facts the out lists hold, duplicates included until compaction
	anns    map[ID]*annotation
	sources map[ID]*Source
	stale   []*nodeRec // nodes whose view a quad has changed since refresh

	effectsOf  map[ID][]effectEntry // drug -> its effects in name order, for overlaps
	drugsWith  map[ID][]*nodeRec    // effect -> the drugs whose effectsOf lists it, in no order, for similar drugs
	staleDrugs map[ID]bool          // drugs whose effects changed since refresh

	// terms numbers every string the index keeps once: the node ids, texts
	// and labels of facts (each quad read brings its own copies, and a large
	// graph names each node thousands of times). preds numbers the
	// predicates.
	terms  []string
	termOf map[string]uint32
	preds  []Predicate
	predOf map[Predicate]uint16

	pages pageCache // long lists in page order (see pagecache.go)
}

// edge is one fact quad, as readers see it: the index keeps it as two
// halves (see adjacency.go).
type edge struct {
	subject   ID
	predicate Predicate
	object    ID     // a node, or empty for a text fact
	text      string // the text of a text fact
	ann       ID
}

// prop is one quad of a node property.
type prop struct {
	node      ID
	predicate Predicate
	value     string
	ann       ID
}

// nodeRec gathers what the quads say about one node.
type nodeRec struct {
	id          ID
	category    Category
	names       []string // every name given; the smallest is the preferred one
	synonyms    []string
	xrefs       []ID
	description string
	descLabel   ID         // the label of the description's quad
	anns        []ID       // the labels of the node's quads
	props       []nodeProp // the node's property quads
	view        *Node      // what node returns; nil until refresh
	rank        int        // the node's place among all nodes ordered by name, then id
	shown       string     // the name the view had when rank was last computed
}

func newIndex() *index {
	return &index{
		nodes:   map[ID]*nodeRec{},
		names:   map[string][]ID{},
		out:     map[ID][]half{},
		in:      map[ID][]half{},
		dirty:   map[ID]bool{},
		dirtyIn: map[ID]bool{},
		anns:    map[ID]*annotation{},
		sources: map[ID]*Source{},

		effectsOf:  map[ID][]effectEntry{},
		drugsWith:  map[ID][]*nodeRec{},
		staleDrugs: map[ID]bool{},

		terms:  []string{""},
		termOf: map[string]uint32{"": 0},
		predOf: map[Predicate]uint16{},
	}
}

// FoldName returns the form in which names are compared: lower case, with
// hyphens, underscores and runs of white space as one space. Two names that
// fold alike name the same node.
func FoldName(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// add records one quad. Adding a quad twice changes nothing once the index
// is refreshed.
func (x *index) add(q quad.Quad) {
	s, p, o, l := ID(x.intern(text(q.Subject))), x.intern(text(q.Predicate)), q.Object, ID(x.intern(text(q.Label)))
	if s == metaNode {
		return // the store's own bookkeeping, not a fact
	}
	if l == "" {
		if isAnnotation(string(s)) {
			x.addAnnotation(s, p, text(o))
		} else {
			x.addSource(s, p, text(o))
		}
		return
	}
	switch Predicate(p) {
	case hasCategory, hasName, hasSynonym, hasXref, hasDesc:
		x.addNodeProperty(s, Predicate(p), text(o), l)
		return
	}
	e := edge{subject: s, predicate: Predicate(p), ann: l}
	if _, isIRI := o.(quad.IRI); isIRI {
		e.object = ID(x.intern(text(o)))
	} else {
		e.text = text(o)
	}
	x.addEdge(e)
	if e.predicate == HasAdverseEvent {
		x.staleDrugs[e.subject] = true
	}
}

func (x *index) addAnnotation(id ID, p, v string) {
	a := x.anns[id]
	if a == nil {
		a = &annotation{qualifiers: map[Qualifier]string{}}
		x.anns[id] = a
	}
	switch p {
	case pSource:
		a.prov.Source = ID(v)
	case pSection:
		a.prov.Section = v
	case pAggr:
		a.prov.Aggregators = insertSorted(a.prov.Aggregators, ID(v))
	case pKL:
		a.prov.KnowledgeLevel = KnowledgeLevel(v)
	case pAT:
		a.prov.AgentType = AgentType(v)
	default:
		if q, ok := strings.CutPrefix(p, qualifier); ok {
			a.qualifiers[Qualifier(q)] = v
		}
	}
}

func (x *index) addSource(id ID, p, v string) {
	s := x.sources[id]
	if s == nil {
		s = &Source{ID: id}
		x.sources[id] = s
	}
	switch Predicate(p) {
	case hasName:
		s.Name = v
	case hasDesc:
		s.Description = v
	case pKL:
		s.KnowledgeLevel = KnowledgeLevel(v)
	case pAT:
		s.AgentType = AgentType(v)
	case pAuthor:
		s.Author = v
	}
}

func (x *index) addNodeProperty(id ID, p Predicate, v string, label ID) {
	n := x.nodes[id]
	if n == nil {
		n = &nodeRec{id: id}
		x.nodes[id] = n
		t := x.term(string(id))
		x.recs = append(x.recs, make([]*nodeRec, max(0, int(t)+1-len(x.recs)))...)
		x.recs[t] = n
		x.addName(string(id), id)
	}
	if n.view != nil || len(n.anns) == 0 {
		n.view = nil
		x.stale = append(x.stale, n)
	}
	n.anns = insertSorted(n.anns, label)
	if np := (nodeProp{value: v, ann: x.term(string(label)), pred: propNumber(p)}); !slices.Contains(n.props, np) {
		n.props = append(n.props, np)
	}
	switch p {
	case hasCategory:
		n.category = Category(v)
	case hasName:
		n.names = insertSorted(n.names, v)
		x.addName(v, id)
	case hasSynonym:
		n.synonyms = insertSorted(n.synonyms, v)
		x.addName(v, id)
	case hasXref:
		n.xrefs = insertSorted(n.xrefs, ID(v))
		x.addName(v, id)
	case hasDesc:
		// Of several descriptions, the one of the smallest label: the same
		// whatever order the quads arrive in.
		if n.description == "" || label < n.descLabel || label == n.descLabel && v < n.description {
			n.description, n.descLabel = v, label
		}
	}
}

func (x *index) addName(name string, id ID) {
	k := FoldName(name)
	x.names[k] = insertSorted(x.names[k], id)
}

// insertSorted adds v to the sorted slice s unless it is there already.
func insertSorted[T ~string](s []T, v T) []T {
	i := sort.Search(len(s), func(i int) bool { return s[i] >= v })
	if i < len(s) && s[i] == v {
		return s
	}
	s = append(s, "")
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// refresh compacts the fact lists written to (see adjacency.go), rebuilds
// the views of the nodes changed since the last refresh,
// and the effect sets of the drugs whose effects changed.
// Adds and refresh run under the store's write lock; reads hand callers
// copies of the views (see node).
func (x *index) refresh() {
	x.pages.forget(x.dirty, x.dirtyIn, len(x.stale) > 0)
	x.compact()
	renamed := false
	for _, n := range x.stale {
		if n.view == nil {
			v := n.build()
			n.view = &v
			if v.Name != n.shown {
				n.shown = v.Name
				renamed = true
				// The drugs that have this effect keep it in name order.
				for e := range x.inEdges(n.id) {
					if e.predicate == HasAdverseEvent {
						x.staleDrugs[e.subject] = true
					}
				}
			}
		}
	}
	x.stale = nil
	if renamed {
		x.rank()
	}
	for d := range x.staleDrugs {
		old := x.effectsOf[d]
		x.effectsOf[d] = x.buildEffectList(d, nil, nil)
		x.relist(d, old)
	}
	clear(x.staleDrugs)
}

// relist brings drugsWith up to date with the drug d's effects, which were
// old before the refresh.
func (x *index) relist(d ID, old []effectEntry) {
	drug := x.nodes[d]
	if drug == nil {
		return // no node, so never a similar drug
	}
	had := make(map[*nodeRec]bool, len(old))
	for _, e := range old {
		had[e.rec] = true
	}
	for _, e := range x.effectsOf[d] {
		if !had[e.rec] {
			x.drugsWith[e.rec.id] = append(x.drugsWith[e.rec.id], drug)
		}
		delete(had, e.rec)
	}
	for e := range had { // effects the drug no longer has
		x.drugsWith[e.id] = slices.DeleteFunc(x.drugsWith[e.id], func(r *nodeRec) bool { return r == drug })
	}
}

// rank numbers every node in name order, then id order. A new node shifts
// the numbers of those after it but not their order, so lists kept in rank
// order stay in order.
func (x *index) rank() {
	recs := make([]*nodeRec, 0, len(x.nodes))
	for _, n := range x.nodes {
		if n.view != nil {
			recs = append(recs, n)
		}
	}
	slices.SortFunc(recs, func(a, b *nodeRec) int {
		if c := strings.Compare(a.view.Name, b.view.Name); c != 0 {
			return c
		}
		return strings.Compare(string(a.id), string(b.id))
	})
	for i, n := range recs {
		n.rank = i + 1
	}
}

// node returns the public view of a node record, with slices of its own:
// the caller may keep or change it while later writes change the record.
func (n *nodeRec) node() Node {
	v := *n.view
	v.Synonyms = slices.Clone(v.Synonyms)
	v.Xrefs = slices.Clone(v.Xrefs)
	return v
}

// build makes the public view of a node record.
func (n *nodeRec) build() Node {
	// Xrefs is a copy: the record's slice grows in place as xrefs are added.
	out := Node{ID: n.id, Category: n.category, Description: n.description, Xrefs: slices.Clone(n.xrefs)}
	if len(n.names) > 0 {
		out.Name = n.names[0]
	}
	out.Synonyms = make([]string, 0, len(n.synonyms)+len(n.names))
	for _, s := range n.synonyms {
		if s != out.Name {
			out.Synonyms = append(out.Synonyms, s)
		}
	}
	for _, s := range n.names[min(1, len(n.names)):] {
		out.Synonyms = insertSorted(out.Synonyms, s)
	}
	return out
}

// prov returns the index's own provenance of the fact labelled ann, to
// compare or filter by without a copy: callers must not keep or change it.
func (x *index) prov(ann ID) Provenance {
	if a := x.anns[ann]; a != nil {
		return a.prov
	}
	return Provenance{}
}

// provenance returns the provenance of the fact labelled ann, with its own
// copy of the aggregators, for a caller to keep.
func (x *index) provenance(ann ID) Provenance {
	p := x.prov(ann)
	p.Aggregators = slices.Clone(p.Aggregators)
	return p
}

// has reports whether the index already holds what the quad q says, so that
// a write can skip it. Annotation quads are written together in one
// transaction, so a known annotation has all of its quads.
func (x *index) has(q quad.Quad) bool {
	s, p, o, l := ID(text(q.Subject)), text(q.Predicate), text(q.Object), ID(text(q.Label))
	if l == "" {
		if isAnnotation(string(s)) {
			return x.anns[s] != nil
		}
		src := x.sources[s]
		if src == nil {
			return false
		}
		switch Predicate(p) {
		case hasName:
			return src.Name == o
		case hasDesc:
			return src.Description == o
		case pKL:
			return string(src.KnowledgeLevel) == o
		case pAT:
			return string(src.AgentType) == o
		case pAuthor:
			return src.Author == o
		}
		return false
	}
	switch Predicate(p) {
	case hasCategory, hasName, hasSynonym, hasXref, hasDesc:
		return x.hasProp(prop{s, Predicate(p), o, l})
	}
	e := edge{subject: s, predicate: Predicate(p), ann: l}
	if _, isIRI := q.Object.(quad.IRI); isIRI {
		e.object = ID(o)
	} else {
		e.text = o
	}
	return x.hasEdge(e)
}
