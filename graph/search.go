package graph

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Hit is one result of a search.
type Hit struct {
	Node    Node
	Score   float64 // 1 for an exact name, less for a weaker match
	Matched string  // the name, synonym, id or cross-reference that matched, as the node gives it
	Typos   int     // the edits (a letter added, dropped, changed or two swapped) between the text and Matched
}

// Search returns up to first nodes whose id, name, synonym or cross-reference
// matches text, best first: exact matches, then prefixes, then matches at
// the start of a word, then substrings, then names a few typos away (one
// edit for texts of 4 to 7 letters, two from 8, the first letter kept),
// whole or as a prefix.
// Preferred names score above synonyms; among equal scores, a shorter match
// and then a node with more facts come first.
//
// Search reads a table of the index's folded names built on the first
// search after a write: keys in order, for prefixes, and the keys of every
// trigram, for the rest.
func (s *Store) Search(ctx context.Context, text string, first int) ([]Hit, error) {
	var hits []Hit
	err := s.read(ctx, func(x *index) error {
		q := FoldName(text)
		if q == "" || first <= 0 {
			return nil
		}
		hits = s.names.table(x, s.gen).search(x, q, first)
		return nil
	})
	return hits, err
}

// HitPage is one page of the hits of a search.
type HitPage struct {
	Hits []Hit
	PageInfo
}

// SearchPage returns one page of the hits Search finds, in its order, all
// of them and not the first only. It makes the hits of the page only.
func (s *Store) SearchPage(ctx context.Context, text string, p Page) (HitPage, error) {
	var out HitPage
	err := s.read(ctx, func(x *index) error {
		q := FoldName(text)
		var cands []cand
		if q != "" {
			t := s.names.table(x, s.gen)
			cands = t.ranked(x, t.matches(q))
		}
		cs, info, err := paged(cands, cand.key, []Context(nil), p)
		if err != nil {
			return err
		}
		out = HitPage{make([]Hit, len(cs)), info}
		for i, c := range cs {
			out.Hits[i] = c.hit()
		}
		return nil
	})
	return out, err
}

// nameTables keeps the search table of the index's latest generation.
type nameTables struct {
	mu  sync.Mutex
	gen uint64
	t   *nameTable
}

// table returns the search table of x at generation gen, building it when
// the one kept is older. The caller holds the store's read lock, so x does
// not change meanwhile.
func (nt *nameTables) table(x *index, gen uint64) *nameTable {
	nt.mu.Lock()
	defer nt.mu.Unlock()
	if nt.t == nil || nt.gen != gen {
		nt.t, nt.gen = newNameTable(x), gen
	}
	return nt.t
}

// nameTable indexes the folded names of x.names for search.
type nameTable struct {
	keys  []string           // every folded name, in order
	grams map[uint32][]int32 // trigram -> the places in keys of the keys holding it, ascending
	pref  map[ID]string      // node -> its preferred name, folded
	pool  sync.Pool          // []uint16 counters, one per key
	short sync.Map           // a query of one or two bytes -> its best hits, at least minShort
}

// minShort is how many hits of a query of one or two bytes the table keeps:
// such a query matches a good part of the names, and every keystroke of a
// search starts with one.
const minShort = 100

func newNameTable(x *index) *nameTable {
	t := &nameTable{keys: slices.Collect(x.foldedNames()), grams: map[uint32][]int32{}, pref: make(map[ID]string, x.nodeCount)}
	sort.Strings(t.keys)
	for i, k := range t.keys {
		for g := range trigrams(k) {
			l := t.grams[g]
			if n := len(l); n > 0 && l[n-1] == int32(i) {
				continue // a trigram the key has already given
			}
			t.grams[g] = append(l, int32(i))
		}
	}
	for rec := range x.allNodes() {
		if rec.name != "" {
			t.pref[rec.id] = FoldName(rec.name)
		}
	}
	n := len(t.keys)
	t.pool.New = func() any { return make([]uint16, n) }
	return t
}

// trigrams yields the trigrams of s's bytes.
func trigrams(s string) func(func(uint32) bool) {
	return func(yield func(uint32) bool) {
		for i := 0; i+3 <= len(s); i++ {
			if !yield(uint32(s[i])<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])) {
				return
			}
		}
	}
}

// maxTypos is how many edits a query of n bytes may be from a name.
func maxTypos(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// match is how one key matched a query.
type match struct {
	key   string
	score float64
	typos int
}

// search returns the first best nodes for the folded query q.
func (t *nameTable) search(x *index, q string, first int) []Hit {
	if len(q) > 2 {
		return t.find(x, q, first)
	}
	if v, ok := t.short.Load(q); ok {
		if hits := v.([]Hit); first <= len(hits) || len(hits) < minShort {
			return slices.Clone(hits[:min(first, len(hits))])
		}
	}
	hits := t.find(x, q, max(first, minShort))
	t.short.Store(q, hits)
	return slices.Clone(hits[:min(first, len(hits))])
}

// find returns the first best nodes for the folded query q.
func (t *nameTable) find(x *index, q string, first int) []Hit {
	cands := t.ranked(x, t.matches(q))
	hits := make([]Hit, min(first, len(cands)))
	for i := range hits {
		hits[i] = cands[i].hit()
	}
	return hits
}

// matches returns the keys that match the folded query q.
func (t *nameTable) matches(q string) []match {
	var found []match
	// Prefixes, found by binary search.
	for i := sort.SearchStrings(t.keys, q); i < len(t.keys) && strings.HasPrefix(t.keys[i], q); i++ {
		found = append(found, match{key: t.keys[i], score: scoreOf(q, t.keys[i])})
	}
	// Words, substrings and typos, from keys that share trigrams with q.
	if nq := len(q) - 2; nq > 0 {
		typos := maxTypos(len(q))
		need := max(1, nq-3*typos) // an edit breaks at most three trigrams
		counts := t.pool.Get().([]uint16)
		var touched []int32
		var rows [3][]int
		for g := range trigrams(q) {
			for _, i := range t.grams[g] {
				if counts[i] == 0 {
					touched = append(touched, i)
				}
				counts[i]++
			}
		}
		for _, i := range touched {
			c := counts[i]
			counts[i] = 0
			k := t.keys[i]
			if int(c) < need || strings.HasPrefix(k, q) {
				continue
			}
			if strings.Contains(k, q) {
				found = append(found, match{key: k, score: scoreOf(q, k)})
				continue
			}
			if typos == 0 || strings.Contains(k, ":") { // ids are typed exactly
				continue
			}
			if !startsWith(k, q[0]) {
				continue // typos spare the first letter, as they mostly do, which spares most keys the work below
			}
			if d, whole := typoDistance(q, k, typos, &rows); d <= typos {
				sc := 0.4 - 0.1*float64(d)
				if whole {
					sc += 0.05
				}
				found = append(found, match{key: k, score: sc, typos: d})
			}
		}
		t.pool.Put(counts)
	}
	return found
}

// scoreOf scores a key k that holds the query q: 1 when equal, then
// prefixes, starts of words and other substrings, each higher the more of
// k the query covers.
func scoreOf(q, k string) float64 {
	cover := float64(len(q)) / float64(len(k))
	switch {
	case k == q:
		return 1
	case strings.HasPrefix(k, q):
		return 0.8 + 0.1*cover
	case strings.Contains(" "+k, " "+q):
		return 0.7 + 0.05*cover
	}
	return 0.5 + 0.05*cover
}

// cand is a node a search found, with its best match.
type cand struct {
	rec    *nodeRec
	m      match
	degree int
}

// hit makes the hit of c.
func (c cand) hit() Hit {
	return Hit{Node: c.rec.node(), Score: c.m.score, Matched: shownName(c.rec, c.m.key), Typos: c.m.typos}
}

// key returns the place of c among the hits of a search, in the order
// ranked sorts them: by score, highest first, then the length of the
// match, the node's facts, most first, and its id. The three numbers are
// a string that sorts in that order.
func (c cand) key() sortKey {
	return sortKey{value: fmt.Sprintf("%016x%08x%08x", ^math.Float64bits(c.m.score), len(c.m.key), ^uint32(c.degree)), id: c.rec.id}
}

// ranked turns the keys found into the nodes they name, each with its
// best match, best first.
func (t *nameTable) ranked(x *index, found []match) []cand {
	best := map[ID]int{} // node -> its place in cands
	var cands []cand
	for _, m := range found {
		for rec := range x.named(m.key) {
			id := rec.id
			if t.pref[id] != m.key {
				m.score *= 0.9 // a synonym or an id
			}
			i, ok := best[id]
			switch {
			case !ok:
				best[id] = len(cands)
				cands = append(cands, cand{rec: rec, m: m, degree: x.degree(id)})
			case m.score > cands[i].m.score || m.score == cands[i].m.score && len(m.key) < len(cands[i].m.key):
				cands[i].m = m
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		switch {
		case a.m.score != b.m.score:
			if a.m.score > b.m.score {
				return -1
			}
			return 1
		case len(a.m.key) != len(b.m.key):
			return len(a.m.key) - len(b.m.key)
		case a.degree != b.degree:
			return b.degree - a.degree
		}
		return strings.Compare(string(a.rec.id), string(b.rec.id))
	})
	return cands
}

// shownName returns the name, synonym, id or cross-reference of rec that
// folds to key, as rec gives it.
func shownName(rec *nodeRec, key string) string {
	for _, ns := range [][]string{propValues[string](rec, hasName), propValues[string](rec, hasSynonym)} {
		for _, n := range ns {
			if FoldName(n) == key {
				return n
			}
		}
	}
	for _, id := range append([]string{string(rec.id)}, propValues[string](rec, hasXref)...) {
		if FoldName(id) == key {
			return id
		}
	}
	return key
}

// startsWith reports whether a word of k starts with the byte c.
func startsWith(k string, c byte) bool {
	for i := 0; i < len(k); i++ {
		if k[i] == c && (i == 0 || k[i-1] == ' ') {
			return true
		}
	}
	return false
}

// typoDistance returns the fewest edits (insertions, deletions,
// substitutions and swaps of neighbours) that turn q into k, into a prefix
// of k, or into a prefix of one of k's words after the first, and whether
// the fewest turn q into the whole of k. It gives up with limit+1 once no
// alignment can stay within limit. rows is scratch space, reused between
// calls.
func typoDistance(q, k string, limit int, rows *[3][]int) (int, bool) {
	whole := osa(q, k, limit, false, rows)
	best := whole
	for i := 0; i < len(k) && best > 0; i++ {
		if i == 0 || k[i-1] == ' ' {
			best = min(best, osa(q, k[i:], limit, true, rows))
		}
	}
	return best, whole == best && whole <= limit
}

// osa is the optimal string alignment distance between q and s, or between
// q and the nearest prefix of s when prefix is set, capped at limit+1.
func osa(q, s string, limit int, prefix bool, rows *[3][]int) int {
	if !prefix && abs(len(q)-len(s)) > limit {
		return limit + 1
	}
	if prefix && len(s) > len(q)+limit {
		s = s[:len(q)+limit]
	}
	n, m := len(q), len(s)
	for i := range rows {
		if cap(rows[i]) < m+1 {
			rows[i] = make([]int, m+1)
		}
		rows[i] = rows[i][:m+1]
	}
	for j := range m + 1 {
		rows[0][j] = j
	}
	for i := 1; i <= n; i++ {
		prev2, prev, cur := rows[(i+1)%3], rows[(i-1)%3], rows[i%3]
		cur[0] = i
		low := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if q[i-1] == s[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && q[i-1] == s[j-2] && q[i-2] == s[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > limit {
			return limit + 1
		}
	}
	last := rows[n%3]
	if !prefix {
		return min(last[m], limit+1)
	}
	return min(slices.Min(last), limit+1)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
