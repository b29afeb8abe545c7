package export

import (
	"bufio"
	"context"
	"encoding/json"

	"pharmagraph/graph"
)

// newJSONEncoder writes one compact JSON value a line, with <, > and & as
// they are.
func newJSONEncoder(w *bufio.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

func writeJSONLNodes(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	sources, err := sourceMap(ctx, r)
	if err != nil {
		return 0, err
	}
	enc, n := newJSONEncoder(w), 0
	err = r.EachNode(ctx, f, func(node graph.Node, provs []graph.Provenance) error {
		rec := newNodeRecord(node, provs)
		rec.setProvenance(provs, sources)
		n++
		return enc.Encode(rec)
	})
	return n, err
}

func writeJSONLEdges(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	enc, n := newJSONEncoder(w), 0
	err := r.EachFact(ctx, f, func(fact graph.Fact) error {
		rec, err := newEdgeRecord(fact)
		if err != nil {
			return err
		}
		n++
		return enc.Encode(rec)
	})
	return n, err
}
