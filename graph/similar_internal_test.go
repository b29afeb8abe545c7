package graph

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestPartnerCounts writes interaction facts and categories in random
// batches, a node's category sometimes arriving batches after its facts,
// and checks after each refresh that every drug's partner count is the
// number of other drugs the facts so far pair it with, either way, and
// that similar by interactions gives every drug its Jaccard indexes
// worked out from those sets, one answer after another.
func TestPartnerCounts(t *testing.T) {
	const label = ID("pgann:test")
	r := rand.New(rand.NewPCG(1, 2))
	x := newIndex()
	category := map[ID]Category{}
	var facts [][2]ID
	node := func(i int) ID { return ID(fmt.Sprintf("T:%d", i)) }
	for batch := range 40 {
		for range 1 + r.IntN(30) {
			a, b := node(r.IntN(60)), node(r.IntN(60))
			if r.IntN(4) == 0 {
				// A category, most often Drug, sometimes arriving after the
				// node's facts and sometimes another.
				c := Drug
				if r.IntN(3) == 0 {
					c = Gene
				}
				if _, ok := category[a]; !ok {
					category[a] = c
					for _, q := range nodeQuads(Node{ID: a, Category: c, Name: string(a)}, label) {
						x.add(q)
					}
				}
				continue
			}
			facts = append(facts, [2]ID{a, b}) // a with itself too
			x.add(factQuad(Fact{Subject: a, Predicate: InteractsWith, Object: b}, label))
		}
		x.refresh()
		want := map[ID]map[ID]bool{}
		for _, f := range facts {
			for i, d := range f {
				if o := f[1-i]; o != d && category[o] == Drug {
					if want[d] == nil {
						want[d] = map[ID]bool{}
					}
					want[d][o] = true
				}
			}
		}
		for d, c := range category {
			if c != Drug {
				continue
			}
			if got := x.recOf(d).partners; int(got) != len(want[d]) {
				t.Errorf("after batch %d, %s has a partner count of %d, want %d", batch+1, d, got, len(want[d]))
			}
			hits := x.similar(kinships[ByInteractions], d, 100, Scope{})
			jaccard := map[ID]float64{}
			for o := range category {
				n := 0
				for p := range want[d] {
					if want[o][p] {
						n++
					}
				}
				if n > 0 && o != d && category[o] == Drug {
					jaccard[o] = float64(n) / float64(len(want[d])+len(want[o])-n)
				}
			}
			if len(hits) != len(jaccard) {
				t.Errorf("after batch %d, %s has %d similar drugs, want %d", batch+1, d, len(hits), len(jaccard))
			}
			for _, h := range hits {
				if h.Jaccard != jaccard[h.Drug.ID] {
					t.Errorf("after batch %d, %s and %s have a Jaccard index of %v, want %v", batch+1, d, h.Drug.ID, h.Jaccard, jaccard[h.Drug.ID])
				}
			}
		}
	}
}
