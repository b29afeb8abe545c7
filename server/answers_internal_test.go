package server

import (
	"context"
	"strings"
	"testing"
)

// TestAnswerCacheEviction checks that the cache holds no more than its
// bytes, dropping the least recently used answer, and keeps no answer with
// errors.
func TestAnswerCacheEviction(t *testing.T) {
	m := newMetrics(nil)
	const size = 100
	entry := int64(1 + size + entryOverhead)
	c := newAnswerCache(4*entry, m)
	data := []byte(strings.Repeat("x", size))
	made := 0
	get := func(key string) {
		c.get(context.Background(), key, 1, func() ([]byte, bool) { made++; return data, true })
	}
	for _, k := range []string{"a", "b", "c", "d", "a", "e", "a", "b"} {
		get(k)
	}
	// a, b, c, d made; a hit; e drops b, the least recent; a hit; b made
	// again, dropping c.
	if made != 6 {
		t.Errorf("made %d answers, want 6", made)
	}
	var held []string
	for e := c.lru.Front(); e != nil; e = e.Next() {
		held = append(held, e.Value.(*answerEntry).key)
	}
	if strings.Join(held, " ") != "b a e d" || c.bytes != 4*entry {
		t.Errorf("holding %q, %d bytes; want b a e d, %d bytes", held, c.bytes, 4*entry)
	}
	if got := c.get(context.Background(), "f", 1, func() ([]byte, bool) { return nil, false }); got != nil || c.entries["f"] != nil {
		t.Errorf("an answer with errors: got %q, kept %v", got, c.entries["f"] != nil)
	}
}
