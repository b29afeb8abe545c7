package graph

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// A snapshot is the index written to a file beside a bolt store, so that
// opening the store reads one compact file instead of asking Cayley for
// every quad, which costs a lookup per quad. Every write bumps a generation
// number kept in the store itself, in the same transaction as the facts; a
// snapshot records the generation it was made at and is used only when the
// two agree. A crash between the store's commit and the snapshot's leaves
// them apart, and the store is then scanned as if there were no snapshot.
const (
	snapshotFile  = "index.snapshot"
	snapshotMagic = "pharmagraph index snapshot 3\n"

	metaNode    = "pg:store" // the subject of the store's own quads
	pGeneration = "pg:generation"
)

// generationQuad is the quad that records the store's generation.
func generationQuad(gen uint64) quad.Quad {
	return quad.Quad{Subject: quad.IRI(metaNode), Predicate: quad.IRI(pGeneration), Object: quad.String(strconv.FormatUint(gen, 10))}
}

// generationOf returns the generation q records, if it is a generation
// quad.
func generationOf(q quad.Quad) (uint64, bool) {
	if text(q.Subject) != metaNode || text(q.Predicate) != pGeneration {
		return 0, false
	}
	g, err := strconv.ParseUint(text(q.Object), 10, 64)
	return g, err == nil
}

// generationDeltas moves the store from generation gen to gen+1.
func generationDeltas(gen uint64) []cgraph.Delta {
	ds := []cgraph.Delta{{Quad: generationQuad(gen + 1), Action: cgraph.Add}}
	if gen > 0 {
		ds = append(ds, cgraph.Delta{Quad: generationQuad(gen), Action: cgraph.Delete})
	}
	return ds
}

// readGeneration returns the store's generation: 0 for a store never
// written to.
func readGeneration(ctx context.Context, qs cgraph.QuadStore) (uint64, error) {
	ref, err := qs.ValueOf(quad.IRI(metaNode))
	if err != nil || ref == nil {
		return 0, nil // no such node: never written
	}
	it := qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	var gen uint64
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return 0, err
		}
		if text(q.Predicate) == pGeneration {
			n, err := strconv.ParseUint(text(q.Object), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("store generation %q: %w", text(q.Object), err)
			}
			gen = max(gen, n)
		}
	}
	return gen, it.Err()
}

// eachQuad calls fn for every quad the index holds.
func (x *index) eachQuad(fn func(quad.Quad) error) error {
	if err := x.eachNodeQuad(fn); err != nil {
		return err
	}
	for e := range x.allEdges() {
		var o quad.Value = quad.String(e.text)
		if e.object != "" {
			o = iri(e.object)
		}
		if err := fn(quad.Quad{Subject: iri(e.subject), Predicate: quad.IRI(e.predicate), Object: o, Label: iri(e.ann)}); err != nil {
			return err
		}
	}
	return nil
}

// eachNodeQuad calls fn for every quad the index holds but those of facts:
// the sources, the annotations and the nodes' own quads.
func (x *index) eachNodeQuad(fn func(quad.Quad) error) error {
	if err := x.eachSourceQuad(fn); err != nil {
		return err
	}
	for p := range x.eachProp() {
		var o quad.Value = quad.String(p.value)
		if p.predicate == hasCategory || p.predicate == hasXref {
			o = quad.IRI(p.value)
		}
		if err := fn(quad.Quad{Subject: iri(p.node), Predicate: quad.IRI(p.predicate), Object: o, Label: iri(p.ann)}); err != nil {
			return err
		}
	}
	return nil
}

// eachSourceQuad calls fn for every quad of the sources and the
// annotations.
func (x *index) eachSourceQuad(fn func(quad.Quad) error) error {
	for _, s := range x.sources {
		for _, q := range sourceQuads(*s) {
			if err := fn(q); err != nil {
				return err
			}
		}
	}
	for id, a := range x.anns {
		for _, q := range annotationQuads(id, *a) {
			if err := fn(q); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeSnapshot writes the index to dir atomically: a temporary file,
// synced, then renamed over the old one. The file holds the generation,
// the nodes and the facts as the index keeps them, as numbers (see
// writeTables), then the quads of sources and annotations.
func (x *index) writeSnapshot(dir string, gen uint64) error {
	tmp, err := os.CreateTemp(dir, snapshotFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	crc := crc32.NewIEEE()
	w := bufio.NewWriterSize(io.MultiWriter(tmp, crc), 1<<20)
	enc := newEncoder(w)
	w.WriteString(snapshotMagic)
	enc.uvarint(gen)
	x.writeTables(enc)
	err = x.eachSourceQuad(func(q quad.Quad) error {
		enc.quad(q)
		return nil
	})
	enc.uvarint(0) // the end of the quads
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = binary.Write(tmp, binary.BigEndian, crc.Sum32())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, snapshotFile))
}

// snapEncoder writes quads compactly, each value as a reference to a table
// of strings that it builds as it goes: a string is written in full the
// first time only. Snapshots and journal records use it.
type snapEncoder struct {
	w   *bufio.Writer
	ids map[string]uint64
	buf [binary.MaxVarintLen64]byte
}

func newEncoder(w *bufio.Writer) *snapEncoder {
	return &snapEncoder{w: w, ids: map[string]uint64{"": 0}}
}

// quad writes a marker that a quad follows, then its four values.
func (e *snapEncoder) quad(q quad.Quad) {
	e.uvarint(1)
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		e.value(v)
	}
}

// str writes a string whole: its length, then its bytes.
func (e *snapEncoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.w.WriteString(s)
}

func (e *snapEncoder) uvarint(n uint64) {
	e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], n)])
}

// value writes a kind byte (0 none, 1 IRI, 2 string) and the string's
// reference: its number, or 0 and then the string when it is new.
func (e *snapEncoder) value(v quad.Value) {
	kind := byte(0)
	switch v.(type) {
	case quad.IRI:
		kind = 1
	case quad.String:
		kind = 2
	}
	e.w.WriteByte(kind)
	if kind == 0 {
		return
	}
	s := text(v)
	if id, ok := e.ids[s]; ok && s != "" {
		e.uvarint(id)
		return
	}
	e.uvarint(0)
	e.uvarint(uint64(len(s)))
	e.w.WriteString(s)
	if s != "" {
		e.ids[s] = uint64(len(e.ids))
	}
}

// errStale is returned by readSnapshot for a missing snapshot or one of a
// generation it may not use.
var errStale = errors.New("no snapshot of this generation")

// readSnapshot fills x from the snapshot in dir if use accepts its
// generation, which it returns.
func (x *index) readSnapshot(dir string, use func(gen uint64) bool) (uint64, error) {
	data, err := os.ReadFile(filepath.Join(dir, snapshotFile))
	if errors.Is(err, os.ErrNotExist) {
		return 0, errStale
	}
	if err != nil {
		return 0, err
	}
	if len(data) < len(snapshotMagic)+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		if bytes.HasPrefix(data, []byte(snapshotMagic[:len(snapshotMagic)-2])) {
			return 0, errors.New("snapshot: of an older format")
		}
		return 0, errors.New("snapshot: not a snapshot file")
	}
	body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return 0, errors.New("snapshot: checksum mismatch")
	}
	d := snapDecoder{b: body[len(snapshotMagic):], strs: []string{""}}
	gen := d.uvarint()
	if d.err != nil || !use(gen) {
		return 0, errStale
	}
	if err := x.readTables(&d); err != nil {
		return 0, err
	}
	return gen, d.quads(x.add)
}

// writeTables writes the index's own tables, each a count and then its
// entries, each number a uvarint: the terms, the predicates, the labels
// (their terms), the values of node properties, the nodes (each its
// term, then its properties: predicate, value and label term), then the
// out lists and the in lists (each its node's term and its halves: other
// end and key). Reading them into an empty index gives it the same
// numbering, so that opening is reading arrays.
func (x *index) writeTables(enc *snapEncoder) {
	enc.uvarint(uint64(len(x.terms) - 1)) // term 0, the empty string, is implied
	for _, ref := range x.terms[1:] {
		enc.str(x.strs.get(ref))
	}
	enc.uvarint(uint64(len(x.preds)))
	for _, p := range x.preds {
		enc.str(string(p))
	}
	enc.uvarint(uint64(len(x.labels)))
	for _, t := range x.labels {
		enc.uvarint(uint64(t))
	}
	vals := 0
	for n := range x.allNodes() {
		vals += len(n.props)
	}
	enc.uvarint(uint64(vals))
	for n := range x.allNodes() {
		for _, np := range n.props {
			enc.str(x.strs.get(np.value))
		}
	}
	enc.uvarint(uint64(x.nodeCount))
	val := 0 // the place of the next property's value among those written
	for n := range x.allNodes() {
		t, _ := x.termNumber(string(n.id))
		enc.uvarint(uint64(t))
		enc.uvarint(uint64(len(n.props)))
		for _, np := range n.props {
			enc.uvarint(uint64(np.pred))
			enc.uvarint(uint64(val))
			enc.uvarint(uint64(np.ann))
			val++
		}
	}
	for _, lists := range []*factLists{&x.out, &x.in} {
		n := 0
		for range lists.each() {
			n++
		}
		enc.uvarint(uint64(n))
		for t, list := range lists.each() {
			enc.uvarint(uint64(t))
			enc.uvarint(uint64(len(list)))
			for _, h := range list {
				enc.uvarint(uint64(h.other))
				enc.uvarint(uint64(h.key))
			}
		}
	}
}

// readTables reads what writeTables wrote into x, which must be empty.
func (x *index) readTables(d *snapDecoder) error {
	for range d.count(1) {
		t := d.str()
		if _, ok := x.termNumber(t); ok {
			d.fail("repeated term")
			return d.err
		}
		x.newTerm(t)
	}
	for _, p := range d.strings() {
		x.predicate(Predicate(p))
	}
	if len(x.preds) >= textBit {
		d.fail("too many predicates")
	}
	term := func() uint32 {
		if t := d.uvarint(); t < uint64(len(x.terms)) {
			return uint32(t)
		}
		d.fail("bad term")
		return 0
	}
	for range d.count(1) {
		x.label(term())
	}
	vals := make([]uint32, d.count(1)) // the refs in x.strs of the values
	for i := range vals {
		vals[i] = x.strs.add(d.str())
	}
	for range d.count(3) {
		t := term()
		props := make([]nodeProp, d.count(3))
		for i := range props {
			p, v, ann := d.uvarint(), d.uvarint(), term()
			if p >= uint64(len(propPredicates)) || v >= uint64(len(vals)) {
				d.fail("bad node property")
				return d.err
			}
			props[i] = nodeProp{value: vals[v], ann: ann, pred: uint8(p)}
		}
		x.addNode(t, props)
	}
	adverse, hasAdverse := x.predOf[HasAdverseEvent]
	for i, lists := range []*factLists{&x.out, &x.in} {
		var flat []half
		var starts []uint32
		for range d.count(2) {
			t := term()
			if t < uint32(len(starts)) {
				d.fail("fact lists out of order")
			}
			if d.err != nil {
				return d.err
			}
			for uint32(len(starts)) <= t {
				starts = append(starts, uint32(len(flat)))
			}
			from := len(flat)
			for range d.count(2) {
				h := half{other: term(), key: uint32(d.uvarint())}
				if h.ann() >= uint32(len(x.labels)) || int(h.pred()&^textBit) >= len(x.preds) {
					d.fail("bad fact")
					return d.err
				}
				flat = append(flat, h)
			}
			if d.err != nil {
				return d.err
			}
			list := flat[from:]
			if !slices.IsSortedFunc(list, compareHalves) {
				slices.SortFunc(list, compareHalves)
			}
			flat = flat[:from+len(slices.Compact(list))]
			if i == 0 {
				x.facts += len(flat) - from
				if hasAdverse && len(run(flat[from:], adverse)) > 0 {
					x.staleDrugs[ID(x.termString(t))] = true
				}
			}
		}
		lists.flat = slices.Clone(flat) // of its length: flat grew by doubling
		lists.starts = append(starts, uint32(len(flat)))
		lists.terms = uint32(len(starts))
	}
	return d.err
}

// addNode adds the node of the term t with the property quads props, as
// a snapshot holds them.
func (x *index) addNode(t uint32, props []nodeProp) {
	n := x.newNode(t)
	n.props = props
	n.stale = true
	x.stale = append(x.stale, n)
	for _, np := range props {
		switch propPredicates[np.pred] {
		case hasCategory:
			x.setCategory(n, t, Category(x.intern(x.strs.get(np.value))))
		case hasName, hasSynonym, hasXref:
			x.addName(x.strs.get(np.value), t)
		}
	}
}

type snapDecoder struct {
	b    []byte
	strs []string
	err  error
}

// quads reads quads up to the end marker, calling fn for each.
func (d *snapDecoder) quads(fn func(quad.Quad)) error {
	for q, ok := d.next(); ok; q, ok = d.next() {
		fn(q)
	}
	return d.err
}

// next reads the next quad; false at the end marker or an error, which
// d.err then holds.
func (d *snapDecoder) next() (quad.Quad, bool) {
	if d.err != nil || d.uvarint() != 1 {
		return quad.Quad{}, false
	}
	var vs [4]quad.Value
	for i := range vs {
		vs[i] = d.value()
	}
	return quad.Quad{Subject: vs[0], Predicate: vs[1], Object: vs[2], Label: vs[3]}, d.err == nil
}

// fail records the first error of a decoding.
func (d *snapDecoder) fail(why string) {
	if d.err == nil {
		d.err = errors.New("snapshot: " + why)
	}
}

// count reads a count of entries of at least size bytes each, failing
// when the rest of the data is too short for them.
func (d *snapDecoder) count(size int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/size) {
		d.fail("truncated")
		return 0
	}
	return int(n)
}

// strings reads a count and as many strings written by snapEncoder.str.
func (d *snapDecoder) strings() []string {
	out := make([]string, d.count(1))
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// str reads a string written by snapEncoder.str.
func (d *snapDecoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("truncated")
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *snapDecoder) uvarint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = errors.New("snapshot: truncated")
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *snapDecoder) value() quad.Value {
	if len(d.b) == 0 {
		d.err = errors.New("snapshot: truncated")
		return nil
	}
	kind := d.b[0]
	d.b = d.b[1:]
	if kind == 0 {
		return nil
	}
	var s string
	if id := d.uvarint(); id > 0 {
		if id >= uint64(len(d.strs)) {
			d.err = errors.New("snapshot: bad string reference")
			return nil
		}
		s = d.strs[id]
	} else {
		n := d.uvarint()
		if n > uint64(len(d.b)) {
			d.err = errors.New("snapshot: truncated")
			return nil
		}
		s = string(d.b[:n])
		d.b = d.b[n:]
		if s != "" {
			d.strs = append(d.strs, s)
		}
	}
	if kind == 1 {
		return quad.IRI(s)
	}
	return quad.String(s)
}
