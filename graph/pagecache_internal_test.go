package graph

import (
	"fmt"
	"testing"
)

// TestPageCacheBounds checks that the page cache keeps long lists only,
// drops lists to stay within cacheBytes, keeps none larger than it, and
// counts what it holds as it keeps and forgets.
func TestPageCacheBounds(t *testing.T) {
	x := newIndex()
	c := &x.pages
	made := 0
	list := func(n int) func() []ID {
		return func() []ID { made++; return make([]ID, n) }
	}
	short := effectsKind.of("A:1", Scope{})
	cached(x, short, list(cacheFrom-1))
	cached(x, short, list(cacheFrom-1))
	if made != 2 {
		t.Errorf("a list shorter than cacheFrom was made %d times for two reads, want 2", made)
	}
	const per = 1 << 14 // IDs of 16 bytes: a quarter of a megabyte a list
	for i := range 2 * cacheBytes / (per * 16) {
		cached(x, effectsKind.of(ID(fmt.Sprint("A:", i)), Scope{}), list(per))
		if c.bytes > cacheBytes {
			t.Fatalf("after %d lists the cache holds %d bytes, more than %d", i+1, c.bytes, cacheBytes)
		}
	}
	made = 0
	last := effectsKind.of(ID(fmt.Sprint("A:", 2*cacheBytes/(per*16)-1)), Scope{})
	cached(x, last, list(per))
	if made != 0 {
		t.Errorf("the list kept last was made again")
	}
	cached(x, effectsKind.of("A:huge", Scope{}), list(cacheBytes/16+1))
	if _, ok := c.get(effectsKind.of("A:huge", Scope{})); ok {
		t.Errorf("a list larger than the cache was kept")
	}
	wide := membersKind.of("C:1", Scope{}, true)
	cached(x, wide, list(per))
	c.forget([]ID{last.id}, nil, false)
	if _, ok := c.get(last); ok {
		t.Errorf("a list of a node a write added facts to is still kept")
	}
	if _, ok := c.get(wide); ok {
		t.Errorf("a wide list is still kept after a write")
	}
	total := 0
	for _, lists := range c.local {
		for _, k := range lists {
			total += k.bytes
		}
	}
	if total != c.bytes || total == 0 {
		t.Errorf("the cache counts %d bytes, its lists take %d", c.bytes, total)
	}
	c.forget(nil, nil, true)
	if c.bytes != 0 || len(c.local) != 0 {
		t.Errorf("after a write of nodes the cache holds %d bytes in %d lists, want none", c.bytes, len(c.local))
	}
}
