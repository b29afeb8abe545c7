package graph

import (
	"cmp"
	"iter"
	"slices"
)

// The index keeps each fact twice, in the list of its subject (out) and in
// that of its object node (in), as a half: the other end, the predicate and
// the label, each a small number. A half holds no pointer, so the garbage
// collector never scans the lists, and a fact costs its two halves
// whatever the length of its strings. The strings themselves are terms,
// kept once in x.terms.
//
// The lists of one direction are one array, in the order of their terms,
// with the place where each begins (see factLists): no slice header, no
// allocation and no rounding up a list. A write copies the lists it
// appends to out of that array; refresh then sorts and deduplicates those
// lists (and only those), so that between writes every list is sorted and
// a fact is found by binary search, and folds them back into the array
// once they hold a good part of the facts.

// half is one fact as the list of one of its ends holds it, in eight
// bytes.
type half struct {
	other uint32 // the term of the other end, or of the text of a text fact
	key   uint32 // the fact's label number (see label) times 256, plus its predicate's number, with textBit for a text fact
}

// textBit marks a half whose other end is text, not a node.
const textBit = 1 << 7

// newHalf returns the half of the other end's term, the predicate number p
// (with textBit for a text fact) and the label number ann.
func newHalf(other uint32, p uint16, ann uint32) half {
	return half{other: other, key: ann<<8 | uint32(p)}
}

// pred returns the number of the half's predicate, with textBit for a
// text fact.
func (h half) pred() uint16 { return uint16(h.key & 0xff) }

// ann returns the number of the half's label.
func (h half) ann() uint32 { return h.key >> 8 }

func compareHalves(a, b half) int {
	return cmp.Or(cmp.Compare(a.pred(), b.pred()), cmp.Compare(a.other, b.other), cmp.Compare(a.ann(), b.ann()))
}

// label returns the number of the label whose term is t, giving it one if
// it has none. Labels are numbered apart from terms, so that a half has
// room for the predicate beside the label: a graph has few labels.
func (x *index) label(t uint32) uint32 {
	if n, ok := x.labelOf[t]; ok {
		return n
	}
	n := uint32(len(x.labels))
	if n >= 1<<24 {
		panic("graph: more than 16777215 fact labels")
	}
	x.labels = append(x.labels, t)
	x.labelOf[t] = n
	return n
}

// term returns the number of the string s, giving it one if it has none.
// Term 0 is the empty string.
func (x *index) term(s string) uint32 {
	if n, ok := x.termNumber(s); ok {
		return n
	}
	return x.newTerm(s)
}

// newTerm numbers the string s, which has no number yet.
func (x *index) newTerm(s string) uint32 {
	n := uint32(len(x.terms))
	x.terms = append(x.terms, x.strs.add(s))
	x.termOf.insert(s, n, x.termString)
	return n
}

// termNumber returns the number of the string s, if it has one.
func (x *index) termNumber(s string) (uint32, bool) {
	if s == "" {
		return 0, true
	}
	return x.termOf.find(s, x.termString)
}

// termString returns the string of the term t.
func (x *index) termString(t uint32) string { return x.strs.get(x.terms[t]) }

// intern returns the index's copy of s.
func (x *index) intern(s string) string { return x.termString(x.term(s)) }

// predicate returns the number of the predicate p, giving it one if it has
// none.
func (x *index) predicate(p Predicate) uint16 {
	if n, ok := x.predOf[p]; ok {
		return n
	}
	n := uint16(len(x.preds))
	if n >= textBit {
		panic("graph: more than 127 predicates") // the vocabulary has a few dozen
	}
	x.preds = append(x.preds, p)
	x.predOf[p] = n
	return n
}

// halves returns the halves of the edge e as its subject's list and its
// object's list hold them; the second is unused for a text fact.
func (x *index) halves(e edge) (out, in half) {
	p, ann := x.predicate(e.predicate), x.label(x.term(string(e.ann)))
	if e.object == "" {
		return newHalf(x.term(e.text), p|textBit, ann), half{}
	}
	return newHalf(x.term(string(e.object)), p, ann), newHalf(x.term(string(e.subject)), p, ann)
}

// addEdge appends the edge e to the lists of its ends. It may add a fact the
// index has: refresh removes the copy.
func (x *index) addEdge(e edge) {
	out, in := x.halves(e)
	t := x.term(string(e.subject))
	x.out.add(t, out)
	x.markDirty(t, dirtyOut)
	x.facts++
	if e.object != "" {
		t := x.term(string(e.object))
		x.in.add(t, in)
		x.markDirty(t, dirtyIn)
	}
}

// factLists holds the fact lists of one direction, by term. As of the last
// fold, every list lies in flat, in term order, the list of the term t at
// flat[starts[t]:starts[t+1]]; a list a write has changed since lies whole
// in fresh instead.
type factLists struct {
	flat   []half
	starts []uint32
	fresh  map[uint32][]half
	held   int    // how many halves fresh holds
	terms  uint32 // one more than the greatest term with a list
}

// list returns the list of the term t, or nil. Its capacity is its length,
// so that an append to it cannot write over another list.
func (l *factLists) list(t uint32) []half {
	if len(l.fresh) > 0 {
		if f, ok := l.fresh[t]; ok {
			return f
		}
	}
	if int(t)+1 < len(l.starts) {
		from, to := l.starts[t], l.starts[t+1]
		return l.flat[from:to:to]
	}
	return nil
}

// add appends h to the list of the term t, moving the list to fresh first.
func (l *factLists) add(t uint32, h half) {
	f, ok := l.fresh[t]
	if !ok {
		if l.fresh == nil {
			l.fresh = map[uint32][]half{}
		}
		f = slices.Clone(l.list(t))
		l.held += len(f)
	}
	l.fresh[t] = append(f, h)
	l.held++
	l.terms = max(l.terms, t+1)
}

// tidy sorts and deduplicates the fresh list of the term t, and returns
// how many copies it removed.
func (l *factLists) tidy(t uint32) int {
	f := l.fresh[t]
	n := len(f)
	if !slices.IsSortedFunc(f, compareHalves) {
		slices.SortFunc(f, compareHalves)
	}
	f = slices.Compact(f)
	l.fresh[t] = f
	l.held -= n - len(f)
	return n - len(f)
}

// settle folds the fresh lists into flat when they hold more than a
// quarter as many halves: a fold copies every list, so that writes of a
// few facts each do not copy the whole index each time.
func (l *factLists) settle() {
	if l.held == 0 || l.held <= len(l.flat)/4 {
		return
	}
	total := 0
	for t := range l.terms {
		total += len(l.list(t))
	}
	if uint64(total) >= 1<<32 {
		panic("graph: more than 4294967295 facts in one direction")
	}
	flat, starts := make([]half, 0, total), make([]uint32, l.terms+1)
	for t := range l.terms {
		starts[t] = uint32(len(flat))
		flat = append(flat, l.list(t)...)
	}
	starts[l.terms] = uint32(len(flat))
	l.flat, l.starts, l.fresh, l.held = flat, starts, nil, 0
}

// each yields every term with a list and its list, in term order.
func (l *factLists) each() iter.Seq2[uint32, []half] {
	return func(yield func(uint32, []half) bool) {
		for t := range l.terms {
			if list := l.list(t); len(list) > 0 && !yield(t, list) {
				return
			}
		}
	}
}

// The marks of a term whose out or in list a write has appended to since
// the last compaction.
const (
	dirtyOut = 1 << iota
	dirtyIn
)

// markDirty marks the list of the term t that mark names as written to
// since the last compaction.
func (x *index) markDirty(t uint32, mark uint8) {
	if n := int(t) + 1; n > len(x.marks) {
		x.marks = slices.Grow(x.marks, n-len(x.marks))[:n]
	}
	if x.marks[t] == 0 {
		x.dirty = append(x.dirty, t)
	}
	x.marks[t] |= mark
}

// outList returns the facts of the node id as their subject.
func (x *index) outList(id ID) []half {
	t, ok := x.termNumber(string(id))
	if !ok {
		return nil
	}
	return x.out.list(t)
}

// inList returns the facts of the node id as their object.
func (x *index) inList(id ID) []half {
	t, ok := x.termNumber(string(id))
	if !ok {
		return nil
	}
	return x.in.list(t)
}

// hasEdge reports whether the index holds the edge e.
func (x *index) hasEdge(e edge) bool {
	subj, ok0 := x.termNumber(string(e.subject))
	list := x.out.list(subj)
	p, ok := x.predOf[e.predicate]
	annTerm, _ := x.termNumber(string(e.ann))
	ann, ok2 := x.labelOf[annTerm]
	other, ok3 := x.termNumber(string(e.object))
	if e.object == "" {
		other, ok3 = x.termNumber(e.text)
		p |= textBit
	}
	if !ok0 || !ok || !ok2 || !ok3 || len(list) == 0 {
		return false
	}
	h := newHalf(other, p, ann)
	if int(subj) < len(x.marks) && x.marks[subj]&dirtyOut != 0 {
		return slices.Contains(list, h)
	}
	_, found := slices.BinarySearchFunc(list, h, compareHalves)
	return found
}

// dirtyIDs returns the nodes whose lists of the mark a write has appended
// to since the last compaction.
func (x *index) dirtyIDs(mark uint8) []ID {
	var ids []ID
	for _, t := range x.dirty {
		if x.marks[t]&mark != 0 {
			ids = append(ids, ID(x.termString(t)))
		}
	}
	return ids
}

// compact sorts and deduplicates the lists written to since the last
// compaction, and folds them into the flat arrays when they have grown.
func (x *index) compact() {
	for _, t := range x.dirty {
		if x.marks[t]&dirtyOut != 0 {
			x.facts -= x.out.tidy(t)
		}
		if x.marks[t]&dirtyIn != 0 {
			x.in.tidy(t)
		}
		x.marks[t] = 0
	}
	x.dirty = nil
	x.out.settle()
	x.in.settle()
}

// edge returns the edge that the half h of id's list holds: id is its
// subject in an out list, its object in an in list.
func (x *index) edge(id ID, h half, out bool) edge {
	e := edge{predicate: x.preds[h.pred()&^textBit], ann: x.annID(h)}
	switch {
	case !out:
		e.subject, e.object = ID(x.termString(h.other)), id
	case h.pred()&textBit != 0:
		e.subject, e.text = id, x.termString(h.other)
	default:
		e.subject, e.object = id, ID(x.termString(h.other))
	}
	return e
}

// side is a fact seen from one of its ends: its half in that end's list,
// and whether the end is its subject.
type side struct {
	half
	out bool
}

// sideEdge returns the fact f seen from the node id.
func (x *index) sideEdge(id ID, f side) edge { return x.edge(id, f.half, f.out) }

// annID returns the label of the fact of h, which names its annotation.
func (x *index) annID(h half) ID { return ID(x.termString(x.labels[h.ann()])) }

// outEdges yields the edges whose subject is id.
func (x *index) outEdges(id ID) iter.Seq[edge] {
	return x.listEdges(id, x.outList(id), true)
}

// inEdges yields the edges whose object is the node id.
func (x *index) inEdges(id ID) iter.Seq[edge] {
	return x.listEdges(id, x.inList(id), false)
}

// predicateEdges yields the edges of the predicate p whose subject is id,
// or with reverse whose object is id: from the runs of p's halves in id's
// list, not the whole list.
func (x *index) predicateEdges(id ID, p Predicate, reverse bool) iter.Seq[edge] {
	list := x.outList(id)
	if reverse {
		list = x.inList(id)
	}
	n, ok := x.predOf[p]
	return func(yield func(edge) bool) {
		if !ok {
			return
		}
		for _, pred := range [2]uint16{n, n | textBit} { // to nodes, then texts
			for e := range x.listEdges(id, run(list, pred), !reverse) {
				if !yield(e) {
					return
				}
			}
		}
	}
}

func (x *index) listEdges(id ID, list []half, out bool) iter.Seq[edge] {
	return func(yield func(edge) bool) {
		for _, h := range list {
			if !yield(x.edge(id, h, out)) {
				return
			}
		}
	}
}

// allEdges yields every edge, in no order.
func (x *index) allEdges() iter.Seq[edge] {
	return func(yield func(edge) bool) {
		for t, list := range x.out.each() {
			for _, h := range list {
				if !yield(x.edge(ID(x.termString(t)), h, true)) {
					return
				}
			}
		}
	}
}

// degree returns how many facts name the node id.
func (x *index) degree(id ID) int { return len(x.outList(id)) + len(x.inList(id)) }

// run returns the halves of the predicate numbered p in a sorted list,
// which are sorted by their other end.
func run(list []half, p uint16) []half {
	from, _ := slices.BinarySearchFunc(list, p, func(h half, p uint16) int { return cmp.Compare(h.pred(), p) })
	to, _ := slices.BinarySearchFunc(list[from:], p+1, func(h half, p uint16) int { return cmp.Compare(h.pred(), p) })
	return list[from : from+to]
}

// predicateRun returns the halves of the predicate p to nodes in the list
// of the term t, in the order of their other ends: t's facts of p as their
// subject, or with reverse as their object.
func (x *index) predicateRun(t uint32, p Predicate, reverse bool) []half {
	n, ok := x.predOf[p]
	if !ok {
		return nil
	}
	if reverse {
		return run(x.in.list(t), n)
	}
	return run(x.out.list(t), n)
}

// recOf returns the node id, or nil.
func (x *index) recOf(id ID) *nodeRec {
	if t, ok := x.termNumber(string(id)); ok {
		return x.rec(t)
	}
	return nil
}

// allNodes yields every node, in no order.
func (x *index) allNodes() iter.Seq[*nodeRec] {
	return func(yield func(*nodeRec) bool) {
		for _, n := range x.recs {
			if n != nil && !yield(n) {
				return
			}
		}
	}
}

// nodeIDs returns the id of every node, sorted.
func (x *index) nodeIDs() []ID {
	ids := make([]ID, 0, x.nodeCount)
	for n := range x.allNodes() {
		ids = append(ids, n.id)
	}
	slices.Sort(ids)
	return ids
}

// rec returns the node of the term t, or nil.
func (x *index) rec(t uint32) *nodeRec {
	if int(t) < len(x.recs) {
		return x.recs[t]
	}
	return nil
}

// propPredicates are the predicates of node property quads, numbered by
// their place.
var propPredicates = [...]Predicate{hasCategory, hasName, hasSynonym, hasXref, hasDesc}

// nodeProp is one property quad of a node, as its record keeps it: no
// pointer, so a node's quads are one block the garbage collector never
// scans.
type nodeProp struct {
	value uint32 // the value's ref in x.strs
	ann   uint32 // the term of the label
	pred  uint8  // the place of the predicate in propPredicates
}

func propNumber(p Predicate) uint8 { return uint8(slices.Index(propPredicates[:], p)) }

// hasProp reports whether the index holds the property quad p.
func (x *index) hasProp(p prop) bool {
	n := x.recOf(p.node)
	ann, _ := x.termNumber(string(p.ann))
	return n != nil && slices.ContainsFunc(n.props, func(np nodeProp) bool {
		return np.ann == ann && propPredicates[np.pred] == p.predicate && x.strs.get(np.value) == p.value
	})
}

// eachProp yields every property quad of every node, in no order.
func (x *index) eachProp() iter.Seq[prop] {
	return func(yield func(prop) bool) {
		for n := range x.allNodes() {
			for _, np := range n.props {
				if !yield(prop{n.id, propPredicates[np.pred], x.strs.get(np.value), ID(x.termString(np.ann))}) {
					return
				}
			}
		}
	}
}
