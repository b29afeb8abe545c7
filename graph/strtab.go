package graph

import (
	"encoding/binary"
	"hash/maphash"
	"unsafe"
)

// The index keeps most of its strings in two pointer-free structures:
// an arena that holds strings back to back, each named by a number, and a
// hash table that finds a numbered entry by its string. A string header
// costs 16 bytes and a Go map entry keyed by one some 35; the arena's
// number costs 4 and the table's slot about 5, and the garbage collector
// scans neither.

// arenaBlock is the size of the arena's blocks: a ref holds a block number
// above its low 16 bits and a place in the block in them.
const arenaBlock = 1 << 16

// stringArena holds strings back to back in blocks that never move, each
// string after its length as a uvarint. Strings it returns point into the
// blocks, whose bytes, once written, never change. Ref 0 is the empty
// string.
type stringArena struct {
	blocks [][]byte
}

// add stores s and returns its ref.
func (a *stringArena) add(s string) uint32 {
	if len(a.blocks) == 0 {
		a.blocks = append(a.blocks, append(make([]byte, 0, arenaBlock), 0)) // ref 0: ""
	}
	if s == "" {
		return 0
	}
	need := binary.MaxVarintLen64 + len(s)
	last := len(a.blocks) - 1
	if b := a.blocks[last]; len(b)+need > cap(b) || len(b) >= arenaBlock {
		if len(a.blocks) >= 1<<16 {
			panic("graph: string arena over 65536 blocks")
		}
		a.blocks = append(a.blocks, make([]byte, 0, max(arenaBlock, need)))
		last++
	}
	b := a.blocks[last]
	ref := uint32(last)<<16 | uint32(len(b))
	b = binary.AppendUvarint(b, uint64(len(s)))
	a.blocks[last] = append(b, s...)
	return ref
}

// get returns the string of ref.
func (a *stringArena) get(ref uint32) string {
	b := a.blocks[ref>>16][ref&(arenaBlock-1):]
	n, k := binary.Uvarint(b)
	if n == 0 {
		return ""
	}
	return unsafe.String(&b[k], n)
}

// bytes returns how many bytes the arena's blocks take.
func (a *stringArena) bytes() int {
	n := 0
	for _, b := range a.blocks {
		n += cap(b)
	}
	return n
}

// strTable finds entries, numbered from 0, by their strings, which the
// table does not keep: the caller's key function gives an entry's string.
// It is an open-addressing table with linear probing, at most three
// quarters full.
type strTable struct {
	slots []uint32 // an entry's number plus one, or 0 for an empty slot
	n     int      // how many entries the table holds
	seed  maphash.Seed
}

// find returns the entry whose string is s.
func (t *strTable) find(s string, key func(uint32) string) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.String(t.seed, s) & mask; ; i = (i + 1) & mask {
		e := t.slots[i]
		if e == 0 {
			return 0, false
		}
		if key(e-1) == s {
			return e - 1, true
		}
	}
}

// insert adds the entry e, whose string is s and which the table must not
// hold yet.
func (t *strTable) insert(s string, e uint32, key func(uint32) string) {
	if (t.n+1)*4 > len(t.slots)*3 {
		t.grow(key)
	}
	t.place(s, e)
	t.n++
}

func (t *strTable) place(s string, e uint32) {
	mask := uint64(len(t.slots) - 1)
	i := maphash.String(t.seed, s) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = e + 1
}

// grow doubles the table's slots and places its entries again.
func (t *strTable) grow(key func(uint32) string) {
	old := t.slots
	if len(old) == 0 {
		t.seed = maphash.MakeSeed()
	}
	t.slots = make([]uint32, max(16, 2*len(old)))
	for _, e := range old {
		if e != 0 {
			t.place(key(e-1), e-1)
		}
	}
}
