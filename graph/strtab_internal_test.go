package graph

import (
	"fmt"
	"strings"
	"testing"
)

// TestStringArena checks that every string comes back from its ref as
// stored, whatever its length: empty, short, across block ends, and
// longer than a block.
func TestStringArena(t *testing.T) {
	var a stringArena
	cases := []string{
		"",
		"a",
		"CHEBI:28112",
		strings.Repeat("x", 127), // the longest one-byte length
		strings.Repeat("y", 128), // the shortest two-byte length
		strings.Repeat("z", arenaBlock-20),
		strings.Repeat("w", arenaBlock), // a block of its own
		strings.Repeat("v", 3*arenaBlock),
		"after the big ones",
	}
	var refs []uint32
	for range 3 { // the same strings again land in later blocks
		for _, s := range cases {
			refs = append(refs, a.add(s))
		}
	}
	for i, ref := range refs {
		if got, want := a.get(ref), cases[i%len(cases)]; got != want {
			t.Errorf("string %d (ref %#x): got %d bytes starting %.10q, want %d bytes starting %.10q", i, ref, len(got), got, len(want), want)
		}
	}
	if refs[0] != 0 {
		t.Errorf(`ref of "" = %#x, want 0`, refs[0])
	}
}

// TestStrTable checks that the table finds each entry by its string and
// no entry for a string it was not given, through many growths.
func TestStrTable(t *testing.T) {
	var tab strTable
	var keys []string
	key := func(e uint32) string { return keys[e] }
	for i := range 10000 {
		s := fmt.Sprintf("term:%d", i)
		if _, ok := tab.find(s, key); ok {
			t.Fatalf("found %q before it was added", s)
		}
		keys = append(keys, s)
		tab.insert(s, uint32(i), key)
	}
	for i, s := range keys {
		if e, ok := tab.find(s, key); !ok || e != uint32(i) {
			t.Errorf("find(%q) = %d, %v; want %d, true", s, e, ok, i)
		}
	}
	if _, ok := tab.find("term:10000", key); ok {
		t.Error(`found "term:10000", which was never added`)
	}
	if tab.n*4 > len(tab.slots)*3 {
		t.Errorf("%d entries in %d slots: over three quarters full", tab.n, len(tab.slots))
	}
}
