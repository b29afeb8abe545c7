package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"

	"pharmagraph/graph"
)

// The columns of the tabular formats, KGX TSV and CSV; doc.go describes them.
var (
	nodeColumns = []string{"id", "category", "name", "synonym", "xref", "description", "provided_by", "provenance"}
	edgeColumns = []string{"id", "subject", "predicate", "object", "object_text", "primary_knowledge_source",
		"aggregator_knowledge_source", "knowledge_level", "agent_type", "section", "context", "status", "frequency", "severity", "mechanism",
		"description", "storage", "action"}
)

// cellStyle says how a tabular format writes a text and a list of texts.
type cellStyle struct {
	text func(string) string
	list func([]string) string
}

// tsvStyle escapes what would break a TSV line or a KGX list: a backslash,
// tab, newline and carriage return in every cell, and | inside a list item.
var tsvStyle = cellStyle{
	text: tsvEscaper.Replace,
	list: func(items []string) string {
		for i, s := range items {
			items[i] = strings.ReplaceAll(tsvEscaper.Replace(s), "|", `\|`)
		}
		return strings.Join(items, "|")
	},
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// csvStyle leaves quoting to encoding/csv and neutralises every cell a
// spreadsheet would run as a formula.
var csvStyle = cellStyle{
	text: neutralise,
	list: func(items []string) string { return neutralise(strings.Join(items, "|")) },
}

// neutralise puts an apostrophe before a cell that starts with a character a
// spreadsheet reads as the start of a formula (OWASP's CSV injection rule).
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func ids[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func (r nodeRecord) cells(st cellStyle) ([]string, error) {
	var prov string
	if r.Provenance != nil {
		var err error
		if prov, err = jsonText(r.Provenance); err != nil {
			return nil, err
		}
	}
	return []string{st.text(string(r.ID)), st.text(string(r.Category[0])), st.text(r.Name),
		st.list(append([]string(nil), r.Synonym...)), st.list(ids(r.Xref)), st.text(r.Description),
		st.list(ids(r.ProvidedBy)), st.text(prov)}, nil
}

func (r edgeRecord) cells(st cellStyle) []string {
	cs := []string{r.ID, string(r.Subject), string(r.Predicate), string(r.Object), r.ObjectText,
		string(r.PrimaryKnowledgeSource), string(r.KnowledgeLevel), string(r.AgentType), r.Section,
		r.Context, r.Status, r.Frequency, r.Severity, r.Mechanism, r.Description, r.Storage, r.Action}
	for i, c := range cs {
		cs[i] = st.text(c)
	}
	return slices.Insert(cs, 6, st.list(ids(r.AggregatorKnowledgeSource)))
}

// jsonText is v as compact JSON, with <, > and & as they are.
func jsonText(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// rowWriter writes the rows of one tabular file.
type rowWriter interface {
	Write(cells []string) error
}

// tsvWriter writes rows of cells already escaped.
type tsvWriter struct{ w *bufio.Writer }

func (t tsvWriter) Write(cells []string) error {
	for i, c := range cells {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		t.w.WriteString(c)
	}
	return t.w.WriteByte('\n')
}

func writeNodes(ctx context.Context, r Reader, f graph.Filter, rw rowWriter, st cellStyle) (int, error) {
	if err := rw.Write(nodeColumns); err != nil {
		return 0, err
	}
	sources, err := sourceMap(ctx, r)
	if err != nil {
		return 0, err
	}
	n := 0
	err = r.EachNode(ctx, f, func(node graph.Node, provs []graph.Provenance) error {
		rec := newNodeRecord(node, provs)
		rec.setProvenance(provs, sources)
		cells, err := rec.cells(st)
		if err != nil {
			return err
		}
		n++
		return rw.Write(cells)
	})
	return n, err
}

func writeEdges(ctx context.Context, r Reader, f graph.Filter, rw rowWriter, st cellStyle) (int, error) {
	if err := rw.Write(edgeColumns); err != nil {
		return 0, err
	}
	n := 0
	err := r.EachFact(ctx, f, func(fact graph.Fact) error {
		rec, err := newEdgeRecord(fact)
		if err != nil {
			return err
		}
		n++
		return rw.Write(rec.cells(st))
	})
	return n, err
}

func writeTSVNodes(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	return writeNodes(ctx, r, f, tsvWriter{w}, tsvStyle)
}

func writeTSVEdges(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	return writeEdges(ctx, r, f, tsvWriter{w}, tsvStyle)
}

func newCSV(w *bufio.Writer) *csv.Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180
	return cw
}

func writeCSVNodes(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	cw := newCSV(w)
	n, err := writeNodes(ctx, r, f, cw, csvStyle)
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}

func writeCSVEdges(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (int, error) {
	cw := newCSV(w)
	n, err := writeEdges(ctx, r, f, cw, csvStyle)
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}
