package graph

import (
	"cmp"
	"iter"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/cayleygraph/quad"
)

// index is the read model: every quad of the store, decoded into maps that
// answer the typed queries without touching the backend. It is built by one
// scan when the store opens and kept current by every write, so reads cost
// map lookups whatever the backend.
type index struct {
	recs      []*nodeRec // the node of each term, or nil
	nodeCount int        // how many of recs are not nil
	drugTerms []uint64   // a bit set of the terms whose nodes are drugs (see isDrug)
	// names finds each folded name, synonym, id or xref of a node, kept in
	// strs at nameKeys, and nameVals says which nodes it names (see addName).
	names     strTable
	nameKeys  []uint32
	nameVals  []uint32
	namesakes [][]uint32
	strs      stringArena // the terms, the folded names and the values of the nodes' property quads (see nodeProp)
	out       factLists   // the facts of the node of each term as their subject, sorted between writes (see adjacency.go)
	in        factLists   // the facts of the node of each term as their object
	dirty     []uint32    // the terms whose lists a write has appended to since the last compaction
	marks     []uint8     // by term, which of its lists are in dirty (dirtyOut, dirtyIn)
	facts     int         // how many facts the out lists hold, duplicates included until compaction
	anns      map[ID]*annotation
	sources   map[ID]*Source
	// sourceView is a copy of sources that refresh publishes when a write
	// has changed them, for Store.Source to read without the store's lock:
	// a long answer looks up the source of every fact.
	sourceView     atomic.Pointer[map[ID]Source]
	sourcesChanged bool
	stale          []*nodeRec // nodes whose properties a quad has changed since refresh

	effectsOf  map[ID][]effectEntry // drug -> its effects in name order, for overlaps
	drugsWith  map[ID][]uint32      // effect -> the terms of the drugs whose effectsOf lists it, in no order, for similar drugs
	staleDrugs map[ID]bool          // drugs whose effects changed since refresh

	// terms numbers every string the index keeps once: the node ids, texts
	// and labels of facts (each quad read brings its own copies, and a large
	// graph names each node thousands of times). preds numbers the
	// predicates. A term is kept in strs; terms holds its ref there.
	terms  []uint32
	termOf strTable // finds the terms by their strings
	preds  []Predicate
	predOf map[Predicate]uint16
	// labels numbers the labels of facts, by their terms, for halves.
	labels  []uint32
	labelOf map[uint32]uint32

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

// nodeRec gathers what the quads say about one node. It keeps the quads
// themselves, as numbers; its names, synonyms, xrefs and description are
// worked out from them when asked for (see build).
type nodeRec struct {
	x        *index // whose strs and terms props refer to
	id       ID
	category Category
	name     string     // the preferred name, the smallest given, as of the last refresh
	props    []nodeProp // the node's property quads, in the order they came
	rank     int        // the node's place among all nodes ordered by name, then id
	stale    bool       // whether the node is in x.stale
	partners int32      // for a drug, how many other drugs facts say it interacts with, as of the last refresh
}

func newIndex() *index {
	return &index{
		anns:    map[ID]*annotation{},
		sources: map[ID]*Source{},

		effectsOf:  map[ID][]effectEntry{},
		drugsWith:  map[ID][]uint32{},
		staleDrugs: map[ID]bool{},

		terms:  []uint32{0},
		predOf: map[Predicate]uint16{},

		labelOf: map[uint32]uint32{},
	}
}

// FoldName returns the form in which names are compared: lower case, with
// hyphens, underscores and runs of white space as one space. Two names that
// fold alike name the same node.
func FoldName(s string) string {
	if folded(s) {
		return s // no copy: most names, ids and synonyms come folded
	}
	s = strings.ToLower(s)
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// folded reports whether FoldName would return s unchanged: plain ASCII
// without capitals, hyphens, underscores, or white space but single
// spaces between words.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80 || 'A' <= c && c <= 'Z' || c == '-' || c == '_':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		case c != ' ' && c <= ' ':
			return false
		}
	}
	return true
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
		a = &annotation{}
		x.anns[id] = a
	}
	v = x.intern(v) // sources, sections and qualifier values repeat across annotations
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
			a.qualifiers = slices.Clip(a.qualifiers.with(Qualifier(x.intern(q)), v))
		}
	}
}

func (x *index) addSource(id ID, p, v string) {
	x.sourcesChanged = true
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
	t := x.term(string(id))
	n := x.rec(t)
	if n == nil {
		n = x.newNode(t)
	}
	np := nodeProp{ann: x.term(string(label)), pred: propNumber(p)}
	for _, o := range n.props {
		if o.ann == np.ann && o.pred == np.pred && x.strs.get(o.value) == v {
			return
		}
	}
	if p == hasCategory {
		v = x.intern(v) // a handful of strings, each named by many nodes
		x.setCategory(n, t, Category(v))
	}
	np.value = x.strs.add(v)
	n.props = append(n.props, np)
	if !n.stale {
		n.stale = true
		x.stale = append(x.stale, n)
	}
	switch p {
	case hasName, hasSynonym, hasXref:
		x.addName(v, t)
	}
}

// setCategory gives the node n of the term t the category c.
func (x *index) setCategory(n *nodeRec, t uint32, c Category) {
	n.category = c
	w, bit := int(t/64), uint64(1)<<(t%64)
	if w >= len(x.drugTerms) {
		x.drugTerms = append(x.drugTerms, make([]uint64, w+1-len(x.drugTerms))...)
	}
	if c == Drug {
		x.drugTerms[w] |= bit
	} else {
		x.drugTerms[w] &^= bit
	}
}

// isDrug reports whether the node of the term t is a drug: a bit looked
// up, where reading the node's category would take a miss of the cache
// for each of the many drugs of a hub's neighbours.
func (x *index) isDrug(t uint32) bool {
	w := int(t / 64)
	return w < len(x.drugTerms) && x.drugTerms[w]&(1<<(t%64)) != 0
}

// newNode adds a node without properties for the term t.
func (x *index) newNode(t uint32) *nodeRec {
	n := &nodeRec{x: x, id: ID(x.termString(t))}
	x.nodeCount++
	x.recs = append(x.recs, make([]*nodeRec, max(0, int(t)+1-len(x.recs)))...)
	x.recs[t] = n
	x.addName(string(n.id), t)
	return n
}

// manyNames marks a value of x.names that is the place in x.namesakes of
// the terms of several nodes, not the term of one.
const manyNames = 1 << 31

// addName records that name names the node of the term t. Most names
// name one node, whose term nameVals then holds itself.
func (x *index) addName(name string, t uint32) {
	k := FoldName(name)
	if k == "" {
		return
	}
	e, ok := x.names.find(k, x.nameKey)
	if !ok {
		x.names.insert(k, uint32(len(x.nameKeys)), x.nameKey)
		x.nameKeys = append(x.nameKeys, x.strs.add(k))
		x.nameVals = append(x.nameVals, t)
		return
	}
	switch v := x.nameVals[e]; {
	case v&manyNames != 0:
		if i := v &^ manyNames; !slices.Contains(x.namesakes[i], t) {
			x.namesakes[i] = append(x.namesakes[i], t)
		}
	case v != t:
		x.nameVals[e] = manyNames | uint32(len(x.namesakes))
		x.namesakes = append(x.namesakes, []uint32{v, t})
	}
}

// nameKey returns the folded name of the entry e of x.names.
func (x *index) nameKey(e uint32) string { return x.strs.get(x.nameKeys[e]) }

// foldedNames yields every folded name of every node, in no order.
func (x *index) foldedNames() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, ref := range x.nameKeys {
			if !yield(x.strs.get(ref)) {
				return
			}
		}
	}
}

// named yields the nodes that the folded name k names, in no order.
func (x *index) named(k string) iter.Seq[*nodeRec] {
	return func(yield func(*nodeRec) bool) {
		e, ok := x.names.find(k, x.nameKey)
		if !ok {
			return
		}
		v := x.nameVals[e]
		ts := []uint32{v}
		if v&manyNames != 0 {
			ts = x.namesakes[v&^manyNames]
		}
		for _, t := range ts {
			if rec := x.rec(t); rec != nil && !yield(rec) {
				return
			}
		}
	}
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
// the views of the nodes changed since the last refresh, the effect sets
// of the drugs whose effects changed and the partner counts that may have.
// Adds and refresh run under the store's write lock; reads hand callers
// copies of the views (see node).
func (x *index) refresh() {
	if x.sourcesChanged || x.sourceView.Load() == nil {
		view := make(map[ID]Source, len(x.sources))
		for id, src := range x.sources {
			view[id] = *src
		}
		x.sourceView.Store(&view)
		x.sourcesChanged = false
	}
	x.pages.forget(x.dirtyIDs(dirtyOut), x.dirtyIDs(dirtyIn), len(x.stale) > 0)
	written, changed := x.dirty, x.stale
	x.compact()
	x.recountPartners(written, changed)
	renamed := false
	for _, n := range x.stale {
		n.stale = false
		n.sortProps()
		if name := n.preferred(); name != n.name {
			n.name = name
			renamed = true
			// The drugs that have this effect keep it in name order.
			for e := range x.inEdges(n.id) {
				if e.predicate == HasAdverseEvent {
					x.staleDrugs[e.subject] = true
				}
			}
		}
	}
	x.stale = nil
	if renamed {
		x.rank()
	}
	labels := map[uint32]labelContext{}
	var scratch []effectEntry
	for d := range x.staleDrugs {
		old := x.effectsOf[d]
		x.effectsOf[d] = x.drugEffects(d, labels, &scratch)
		x.relist(d, old)
	}
	clear(x.staleDrugs)
}

// labelContext is the context a fact label gives, if the label is an
// annotation the index knows.
type labelContext struct {
	context Context
	known   bool
}

// contextSets holds, for each set of Contexts (bit i for Contexts[i]), its
// members in canonical order (see effectEntry.contexts).
var contextSets = func() [][]Context {
	sets := make([][]Context, 1<<len(Contexts))
	for m := range sets {
		for i, c := range Contexts {
			if m&(1<<i) != 0 {
				sets[m] = append(sets[m], c)
			}
		}
		sets[m] = slices.Clip(sets[m])
	}
	return sets
}()

// drugEffects makes the effect list of the drug d, as buildEffectList does
// without sources or contexts, from the run of its adverse event halves,
// which come grouped by effect: no map and no strings per fact. labels
// keeps the context of each label across the drugs of one refresh, and
// scratch is room to build the list in; the list returned has an array of
// its own and of its length.
func (x *index) drugEffects(d ID, labels map[uint32]labelContext, scratch *[]effectEntry) []effectEntry {
	p, ok := x.predOf[HasAdverseEvent]
	if !ok {
		return nil
	}
	out := (*scratch)[:0]
	for _, h := range run(x.outList(d), p) {
		lc, seen := labels[h.ann()]
		if !seen {
			if a := x.anns[ID(x.termString(x.labels[h.ann()]))]; a != nil {
				lc.known = true
				lc.context = Context(a.qualifiers.get(QContext))
			}
			labels[h.ann()] = lc
		}
		rec := x.rec(h.other)
		i := slices.Index(Contexts, lc.context)
		if !lc.known || rec == nil || i < 0 {
			continue
		}
		if n := len(out); n == 0 || out[n-1].rec != rec {
			out = append(out, effectEntry{rec: rec})
		}
		out[len(out)-1].mask |= 1 << i
	}
	slices.SortFunc(out, func(a, b effectEntry) int { return a.rec.rank - b.rec.rank })
	*scratch = out
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// relist brings drugsWith up to date with the drug d's effects, which were
// old before the refresh.
func (x *index) relist(d ID, old []effectEntry) {
	drug, ok := x.termNumber(string(d))
	if !ok || x.rec(drug) == nil {
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
		x.drugsWith[e.id] = slices.DeleteFunc(x.drugsWith[e.id], func(t uint32) bool { return t == drug })
	}
}

// rank numbers every node in name order, then id order. A new node shifts
// the numbers of those after it but not their order, so lists kept in rank
// order stay in order.
func (x *index) rank() {
	recs := make([]*nodeRec, 0, x.nodeCount)
	for n := range x.allNodes() {
		recs = append(recs, n)
	}
	slices.SortFunc(recs, func(a, b *nodeRec) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
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
	runs := n.runs()
	out := Node{ID: n.id, Category: n.category, Name: n.name, Description: n.described(runs[propNumber(hasDesc)])}
	out.Xrefs = values[ID](n, runs[propNumber(hasXref)])
	out.Synonyms = values[string](n, runs[propNumber(hasSynonym)], runs[propNumber(hasName)])
	if i, ok := slices.BinarySearch(out.Synonyms, out.Name); ok {
		out.Synonyms = slices.Delete(out.Synonyms, i, i+1)
	}
	if out.Synonyms == nil {
		out.Synonyms = []string{}
	}
	return out
}

// view returns node, or with OmitDetails in omit the node's ID, Category
// and Name alone.
func (n *nodeRec) view(omit Omission) Node {
	if omit&OmitDetails != 0 {
		return Node{ID: n.id, Category: n.category, Name: n.name}
	}
	return n.node()
}

// sortProps sorts the node's property quads by predicate, then value,
// then label, so that the values of a predicate are a sorted run. Refresh
// sorts the properties of every node a write has changed.
func (n *nodeRec) sortProps() {
	slices.SortFunc(n.props, func(a, b nodeProp) int {
		return cmp.Or(cmp.Compare(a.pred, b.pred), strings.Compare(n.x.strs.get(a.value), n.x.strs.get(b.value)),
			cmp.Compare(a.ann, b.ann))
	})
}

// run returns the node's property quads of the predicate p, sorted by
// value.
func (n *nodeRec) run(p Predicate) []nodeProp {
	pred := propNumber(p)
	from, _ := slices.BinarySearchFunc(n.props, pred, func(np nodeProp, p uint8) int { return cmp.Compare(np.pred, p) })
	to := from
	for to < len(n.props) && n.props[to].pred == pred {
		to++
	}
	return n.props[from:to]
}

// runs returns the node's property quads split by predicate, by its place
// in propPredicates: in one pass, where five runs found by run take five
// searches.
func (n *nodeRec) runs() (runs [len(propPredicates)][]nodeProp) {
	for i := 0; i < len(n.props); {
		j := i + 1
		for j < len(n.props) && n.props[j].pred == n.props[i].pred {
			j++
		}
		if p := n.props[i].pred; int(p) < len(runs) {
			runs[p] = n.props[i:j]
		}
		i = j
	}
	return runs
}

// propValues returns the values of the node's property quads of the
// predicates ps, sorted and without repeats.
func propValues[T ~string](n *nodeRec, ps ...Predicate) []T {
	runs := make([][]nodeProp, len(ps))
	for i, p := range ps {
		runs[i] = n.run(p)
	}
	return values[T](n, runs...)
}

// values returns the values of the property quads of sorted runs of the
// node's, sorted and without repeats: a merge of the runs.
func values[T ~string](n *nodeRec, runs ...[]nodeProp) []T {
	size := 0
	for _, r := range runs {
		size += len(r)
	}
	if size == 0 {
		return nil
	}
	out := make([]T, 0, size)
	for {
		least, v := -1, T("")
		for i, r := range runs {
			if len(r) == 0 {
				continue
			}
			if w := T(n.x.strs.get(r[0].value)); least < 0 || w < v {
				least, v = i, w
			}
		}
		if least < 0 {
			return out
		}
		runs[least] = runs[least][1:]
		if k := len(out); k == 0 || out[k-1] != v {
			out = append(out, v)
		}
	}
}

// preferred returns the node's preferred name: the smallest name given.
func (n *nodeRec) preferred() string {
	if names := n.run(hasName); len(names) > 0 {
		return n.x.strs.get(names[0].value)
	}
	return ""
}

// described returns the description that the run of the node's
// description quads gives: of several, the one of the smallest label, the
// same whatever order the quads arrived in.
func (n *nodeRec) described(run []nodeProp) string {
	var desc, label string
	found := false
	for _, np := range run {
		v, l := n.x.strs.get(np.value), n.x.termString(np.ann)
		if !found || l < label || l == label && v < desc {
			desc, label, found = v, l, true
		}
	}
	return desc
}

// labels returns the labels of the node's quads, sorted and without
// repeats.
func (n *nodeRec) labels() []ID {
	out := make([]ID, 0, len(n.props))
	for _, np := range n.props {
		out = append(out, ID(n.x.termString(np.ann)))
	}
	slices.Sort(out)
	return slices.Compact(out)
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
