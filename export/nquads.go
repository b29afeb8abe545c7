package export

import (
	"bufio"
	"context"

	"pharmagraph/graph"
)

// writeNQuads writes the store's own quads, one a line. The store writes
// them: only package graph knows Cayley's quad values.
func writeNQuads(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	n := 0
	err := r.EachNQuad(ctx, f, func(line string) error {
		n++
		w.WriteString(line)
		return w.WriteByte('\n')
	})
	return n, err
}
