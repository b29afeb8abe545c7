package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"slices"

	"pharmagraph/graph"
)

// cyNode is the data of a Cytoscape.js node.
type cyNode struct {
	ID          string     `json:"id"`
	Category    string     `json:"category"`
	Name        string     `json:"name,omitempty"`
	Synonym     []string   `json:"synonym,omitempty"`
	Xref        []graph.ID `json:"xref,omitempty"`
	Description string     `json:"description,omitempty"`
	ProvidedBy  []graph.ID `json:"provided_by,omitempty"`
	SourceCount int        `json:"source_count,omitempty"`
}

// cyEdge is the data of a Cytoscape.js edge.
type cyEdge struct {
	ID        string          `json:"id"`
	Source    graph.ID        `json:"source"`
	Target    string          `json:"target"`
	Predicate graph.Predicate `json:"predicate"`
	factProps
	Symmetric bool `json:"symmetric"`
}

// elementWriter writes the elements of one JSON array, one a line.
type elementWriter struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder // into buf
	first bool
	n     int
}

func newElementWriter(w *bufio.Writer) *elementWriter {
	e := &elementWriter{w: w, first: true}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}

func (e *elementWriter) write(data any) error {
	e.buf.Reset()
	if err := e.enc.Encode(data); err != nil {
		return err
	}
	if !e.first {
		e.w.WriteString(",\n")
	}
	e.first = false
	e.n++
	e.w.WriteString(`{"data":`)
	e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
	return e.w.WriteByte('}')
}

// textFilter narrows f to the facts whose object is text; false when f
// selects none of them.
func textFilter(f graph.Filter) (graph.Filter, bool) {
	var ps []graph.Predicate
	for _, p := range graph.Predicates() {
		if p.Literal() && (len(f.Predicates) == 0 || slices.Contains(f.Predicates, p)) {
			ps = append(ps, p)
		}
	}
	f.Predicates = ps
	return f, len(ps) > 0
}

// writeCytoscape writes {"elements": {"nodes": [...], "edges": [...]}}. It
// reads the facts twice: once for the nodes made for text objects, which
// belong in the nodes array, and once for the edges.
func writeCytoscape(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	ew := newElementWriter(w)
	w.WriteString("{\"elements\":{\"nodes\":[\n")
	err := r.EachNode(ctx, f, func(node graph.Node, provs []graph.Provenance) error {
		rec := newNodeRecord(node, provs)
		return ew.write(cyNode{ID: string(rec.ID), Category: string(node.Category), Name: rec.Name, Synonym: rec.Synonym,
			Xref: rec.Xref, Description: rec.Description, ProvidedBy: rec.ProvidedBy, SourceCount: len(rec.ProvidedBy)})
	})
	if err != nil {
		return ew.n, err
	}
	if tf, ok := textFilter(f); ok {
		err = r.EachFact(ctx, tf, func(fact graph.Fact) error {
			return ew.write(cyNode{ID: textNodeID(edgeID(fact)), Category: textCategory, Name: fact.Text})
		})
		if err != nil {
			return ew.n, err
		}
	}
	w.WriteString("\n],\"edges\":[\n")
	ew.first = true
	err = r.EachFact(ctx, f, func(fact graph.Fact) error {
		rec, err := newEdgeRecord(fact)
		if err != nil {
			return err
		}
		target := string(rec.Object)
		if fact.Predicate.Literal() {
			target = textNodeID(rec.ID)
		}
		return ew.write(cyEdge{ID: rec.ID, Source: rec.Subject, Target: target, Predicate: rec.Predicate,
			factProps: rec.factProps, Symmetric: fact.Predicate.Symmetric()})
	})
	w.WriteString("\n]}}\n")
	return ew.n, err
}
