package loader

// KGX (github.com/biolink/kgx) nodes and edges, as TSV (nodes.tsv,
// edges.tsv: a header, tab-separated cells, |-separated lists) or JSON Lines
// (nodes.jsonl, edges.jsonl: one object a line, lists as JSON arrays),
// gzipped or not, and the manifest.json our own export writes beside them;
// KGX written by other tools (the KGX project's own, Biolink-only ones) as
// much as ours. export/doc.go describes the columns our export writes;
// every one of them is read back, so that an export loads back to the same
// facts and the same nodes, sources included.
//
// Nodes: id, category, name, synonym, xref, description, and provided_by
// or provenance: one node statement for each provenance (each provided_by
// source when there is none). category is a list, often a class and its
// Biolink ancestors (NamedThing|BiologicalEntity|...|PhenotypicFeature):
// of the categories the data model maps, the most specific in the Biolink
// Model's hierarchy (is_a and mixins, graph/biolink) wins; the model maps
// its own categories and, as Drugs, every kind of Biolink ChemicalEntity
// (SmallMolecule, MolecularMixture, Drug...). A node with no such category
// keeps its most specific Biolink class as a category outside the model
// (DiseaseOrPhenotypicFeature stays one: it is either a Condition or an
// Effect, and the file does not say which), else its first category.
//
// Edges: subject, predicate, object (or object_text for a predicate whose
// object is text), primary_knowledge_source, aggregator_knowledge_source,
// knowledge_level, agent_type, section, and one column for each qualifier
// of the data model (context, status, frequency, severity, mechanism,
// description, storage, action). No qualifier is invented: treats without
// a status states no status. Older KGX names an edge's source in
// knowledge_source, and before it in provided_by; they are read when
// primary_knowledge_source is absent. An edge has one primary source: a
// list of several is a bad row. A predicate must be one of the Biolink
// Model's or ours (pg:); predicates of other vocabularies are kept as they
// are. graph.CheckFact checks the ends against the data model's rules and
// the Biolink domain and range.
//
// Sources: a source named by an id (a CURIE) is that id; a name (Monarch
// Initiative) becomes an infores id as KGX's own reader coerces it
// (infores:monarch-initiative; see inforesID), and the report notes each
// name so coerced. A source the store lacks is taken from the manifest,
// else from the data sets the loader knows, else made from its id, named as
// the file writes it. Aggregator sources are only ids on the fact. A row
// that names no source is given one for its folder, pgsrc:<folder name>.
//
// Columns the loader does not read are listed in the report's notes, with
// how many rows had a value in each; the edge id our export writes is a
// hash of the rest and is not needed.
//
// In TSV cells a backslash, tab, newline and carriage return are written
// \\, \t, \n and \r, and a | inside a list item \|, as our export writes
// them; files without escapes read the same. KGX TSV is sparse: a row may
// end before its last, empty, cells.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"pharmagraph/graph"
	"pharmagraph/graph/biolink"
)

func init() {
	formats = append(formats,
		&format{family: "kgx", name: "KGX manifest", rank: 15,
			guess: func(base, first string) bool { return base == "manifest.json" && strings.HasPrefix(first, "{") },
			read:  readKGXManifest},
		&format{family: "kgx", name: "KGX nodes", rank: 30,
			guess: func(base, first string) bool { return kgxKind(base, first) == "nodes" },
			read:  func(ctx context.Context, r *reader, p *parsed) error { return readKGX(ctx, r, p, false) }},
		&format{family: "kgx", name: "KGX edges", rank: 40,
			guess: func(base, first string) bool { return kgxKind(base, first) == "edges" },
			read:  func(ctx context.Context, r *reader, p *parsed) error { return readKGX(ctx, r, p, true) }},
	)
}

// kgxKind tells whether a file of this name and first line holds KGX nodes
// or edges, by its columns or keys.
func kgxKind(base, first string) string {
	var cols []string
	switch {
	case strings.HasSuffix(base, ".tsv"):
		cols = strings.Split(first, "\t")
		if equal(cols, nodeHeader) || equal(cols, factHeader) {
			return "" // a seed file
		}
	case strings.HasSuffix(base, ".jsonl"):
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(first), &m) != nil {
			return ""
		}
		for k := range m {
			cols = append(cols, k)
		}
	}
	switch {
	case slices.Contains(cols, "subject") && slices.Contains(cols, "predicate") &&
		(slices.Contains(cols, "object") || slices.Contains(cols, "object_text")): // a JSON line of a text fact has no object
		return "edges"
	case slices.Contains(cols, "id") && slices.Contains(cols, "category"):
		return "nodes"
	}
	return ""
}

// kgxLists are the columns that hold lists.
var kgxLists = []string{"category", "synonym", "xref", "provided_by", "primary_knowledge_source",
	"aggregator_knowledge_source", "knowledge_source"}

// kgxNodeColumns and kgxEdgeColumns are the columns the loader reads.
var (
	kgxNodeColumns = []string{"id", "category", "name", "synonym", "xref", "description", "provided_by", "provenance"}
	kgxEdgeColumns = []string{"id", "subject", "predicate", "object", "object_text", "primary_knowledge_source",
		"aggregator_knowledge_source", "knowledge_source", "provided_by", "knowledge_level", "agent_type",
		"section", "context", "status", "frequency", "severity", "mechanism", "description", "storage", "action"}
)

// kgxChemical is the Biolink class whose kinds the data model holds as Drugs.
const kgxChemical = "biolink:ChemicalEntity"

// kgxRow is one node or edge: each column's values (one for a plain
// column, any number for a list) and the provenance statements of a node.
type kgxRow struct {
	cells      map[string][]string
	provenance []kgxProvenance
}

// kgxProvenance is one statement of a node, as our export's provenance
// column gives it.
type kgxProvenance struct {
	Source         graph.ID             `json:"source"`
	Section        string               `json:"section"`
	KnowledgeLevel graph.KnowledgeLevel `json:"knowledge_level"`
	AgentType      graph.AgentType      `json:"agent_type"`
}

// get returns the column's value, or its first for a list; empty when the
// row has none.
func (k kgxRow) get(col string) string {
	if v := k.cells[col]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// readKGX reads a KGX nodes or edges file, TSV or JSON Lines.
func readKGX(ctx context.Context, r *reader, p *parsed, edges bool) error {
	known := kgxNodeColumns
	if edges {
		known = kgxEdgeColumns
	}
	ignored := map[string]int{} // column -> rows with a value in it
	defer func() {
		if len(ignored) > 0 {
			var cols []string
			for _, c := range slices.Sorted(maps.Keys(ignored)) {
				cols = append(cols, fmt.Sprintf("%s %d", c, ignored[c]))
			}
			p.note("kgx "+r.name, fmt.Sprintf("kgx: %s: columns not read (rows with a value): %s", r.name,
				strings.Join(cols, ", ")))
		}
		kgxNoteCoerced(p, r.name)
	}()
	jsonl := strings.HasSuffix(strings.TrimSuffix(r.name, ".gz"), ".jsonl")
	var header []string
	for {
		text, ok := r.next()
		if !ok {
			return nil
		}
		if r.line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		at := r.at()
		if strings.TrimSpace(text) == "" {
			continue
		}
		var row kgxRow
		var err error
		switch {
		case jsonl:
			row, err = kgxJSON(text, known)
		case header == nil:
			header = strings.Split(text, "\t")
			continue
		default:
			row, err = kgxTSV(header, text)
		}
		if err == nil {
			for c := range row.cells {
				if !slices.Contains(known, c) {
					ignored[c]++
				}
			}
		}
		switch {
		case err != nil:
			p.bad(at, "", err)
		case edges:
			kgxEdge(ctx, p, at, row)
		default:
			kgxNode(ctx, p, at, row)
		}
	}
}

// kgxTSV reads one row of a KGX TSV file. A row with fewer cells than the
// header has empty cells in the last columns, as pandas, which KGX reads
// TSV with, takes it.
func kgxTSV(header []string, text string) (kgxRow, error) {
	cells := strings.Split(text, "\t")
	if len(cells) > len(header) {
		return kgxRow{}, fmt.Errorf("%d columns, want %d (%s)", len(cells), len(header), strings.Join(header, ", "))
	}
	// KGX TSV is sparse: a row may end before its last, empty, columns.
	cells = append(cells, make([]string, len(header)-len(cells))...)
	row := kgxRow{cells: map[string][]string{}}
	for i, col := range header {
		switch {
		case cells[i] == "":
		case col == "provenance":
			if err := json.Unmarshal([]byte(kgxUnescape(cells[i])), &row.provenance); err != nil {
				return kgxRow{}, fmt.Errorf("provenance is not a JSON list of statements: %v", err)
			}
		case slices.Contains(kgxLists, col):
			row.cells[col] = kgxSplit(cells[i])
		default:
			row.cells[col] = []string{kgxUnescape(cells[i])}
		}
	}
	return row, nil
}

// kgxItem is a | not preceded by a backslash: the end of a list item.
var kgxItem = regexp.MustCompile(`(^|[^\\])((\\\\)*)\|`)

// kgxSplit splits a TSV list cell on each | not escaped by a backslash and
// undoes the escapes of each item.
func kgxSplit(cell string) []string {
	var items []string
	for {
		loc := kgxItem.FindStringSubmatchIndex(cell)
		if loc == nil {
			break
		}
		bar := loc[1] - 1
		items = append(items, kgxUnescape(cell[:bar]))
		cell = cell[bar+1:]
	}
	return append(items, kgxUnescape(cell))
}

var kgxUnescaper = strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n", `\r`, "\r", `\|`, "|")

// kgxUnescape undoes the escapes of a TSV cell.
func kgxUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return kgxUnescaper.Replace(s)
}

// kgxJSON reads one line of a KGX JSON Lines file: an object whose values
// in the known columns are text or lists of text, and a provenance list.
func kgxJSON(text string, known []string) (kgxRow, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return kgxRow{}, fmt.Errorf("not a JSON object: %v", err)
	}
	row := kgxRow{cells: map[string][]string{}}
	for k, raw := range m {
		var s string
		var list []string
		switch {
		case k == "provenance":
			if err := json.Unmarshal(raw, &row.provenance); err != nil {
				return kgxRow{}, fmt.Errorf("provenance is not a JSON list of statements: %v", err)
			}
		case json.Unmarshal(raw, &s) == nil:
			if s != "" {
				row.cells[k] = []string{s}
			}
		case json.Unmarshal(raw, &list) == nil:
			if len(list) > 0 {
				row.cells[k] = list
			}
		case slices.Contains(known, k):
			return kgxRow{}, fmt.Errorf("%s %s is neither text nor a list of text", k, raw)
		default:
			row.cells[k] = nil // a value of another kind, in a column listed as not read
		}
	}
	return row, nil
}

// kgxNode adds the node a row states, once for each of its provenances.
func kgxNode(ctx context.Context, p *parsed, at pos, row kgxRow) {
	n := graph.Node{ID: graph.ID(row.get("id")), Name: row.get("name"), Synonyms: row.cells["synonym"],
		Description: row.get("description")}
	for _, x := range row.cells["xref"] {
		n.Xrefs = append(n.Xrefs, graph.ID(x))
	}
	cat, err := kgxCategory(row.cells["category"])
	if err != nil {
		p.bad(at, "", fmt.Errorf("node %s: %w", n.ID, err))
		return
	}
	n.Category = cat
	provs := make([]graph.Provenance, 0, len(row.provenance))
	for _, pr := range row.provenance {
		provs = append(provs, graph.Provenance{Source: pr.Source, Section: pr.Section,
			KnowledgeLevel: pr.KnowledgeLevel, AgentType: pr.AgentType})
	}
	if len(provs) == 0 {
		for _, s := range row.cells["provided_by"] {
			provs = append(provs, graph.Provenance{Source: kgxSource(ctx, p, at, s)})
		}
	} else {
		for _, pr := range provs {
			if pr.Source != "" {
				p.useSource(ctx, at, pr.Source)
			}
		}
	}
	if len(provs) == 0 {
		provs = []graph.Provenance{{Source: folderSource(ctx, p, at)}}
	}
	for _, pr := range provs {
		p.addNode(at, graph.NodeFact{Node: n, Provenance: pr})
	}
}

// kgxCategory returns the category of a node that KGX puts in categories:
// of those the data model maps, the most specific in the Biolink Model
// (the one that is a kind of the most classes); else the most specific
// Biolink class, kept as a category outside the model; else the first.
func kgxCategory(categories []string) (graph.Category, error) {
	if len(categories) == 0 {
		return "", fmt.Errorf("no category")
	}
	var mapped graph.Category
	best, bestDepth := "", -1
	mappedDepth := -1
	for _, c := range categories {
		d := biolink.Depth(c)
		if cat, ok := kgxMapped(c); ok && d > mappedDepth {
			mapped, mappedDepth = cat, d
		}
		if d > bestDepth {
			best, bestDepth = c, d
		}
	}
	if mapped != "" {
		return mapped, nil
	}
	return graph.CategoryOf(best)
}

// kgxMapped returns the data model's category for a KGX category: one of
// the model's, by CURIE or short name, or a Drug for every kind of Biolink
// ChemicalEntity (SmallMolecule, MolecularMixture, Drug...).
func kgxMapped(c string) (graph.Category, bool) {
	if cat, err := graph.ParseCategory(c); err == nil {
		return cat, true
	}
	if biolink.IsA(c, kgxChemical) {
		return graph.Drug, true
	}
	return "", false
}

// kgxEdge adds the fact a row states.
func kgxEdge(ctx context.Context, p *parsed, at pos, row kgxRow) {
	pred, err := graph.PredicateOf(row.get("predicate"))
	if err != nil {
		p.bad(at, "", err)
		return
	}
	if row.get("subject") == "" || row.get("object") == "" && row.get("object_text") == "" {
		p.bad(at, pred, fmt.Errorf("edge without a subject or an object"))
		return
	}
	source, err := kgxEdgeSource(row)
	if err != nil {
		p.bad(at, pred, err)
		return
	}
	f := graph.Fact{Subject: graph.ID(row.get("subject")), Predicate: pred, Object: graph.ID(row.get("object")),
		Text: row.get("object_text"),
		Provenance: graph.Provenance{Section: row.get("section"),
			KnowledgeLevel: graph.KnowledgeLevel(row.get("knowledge_level")), AgentType: graph.AgentType(row.get("agent_type"))}}
	for _, q := range kgxEdgeColumns[slices.Index(kgxEdgeColumns, "context"):] {
		if v := row.get(q); v != "" {
			if f.Qualifiers == nil {
				f.Qualifiers = map[graph.Qualifier]string{}
			}
			f.Qualifiers[graph.Qualifier(q)] = v
		}
	}
	if source == "" {
		f.Source = folderSource(ctx, p, at)
	} else {
		f.Source = kgxSource(ctx, p, at, source)
	}
	for _, a := range row.cells["aggregator_knowledge_source"] {
		f.Aggregators = append(f.Aggregators, kgxSourceID(p, at, a))
	}
	slices.Sort(f.Aggregators)
	f.Aggregators = slices.Compact(f.Aggregators)
	p.addFact(at, f)
}

// kgxEdgeSources are the columns that name an edge's source, newest first:
// older KGX wrote knowledge_source, and before it provided_by.
var kgxEdgeSources = []string{"primary_knowledge_source", "knowledge_source", "provided_by"}

// kgxEdgeSource returns the source an edge row names, as written, or empty.
// An edge has one primary source.
func kgxEdgeSource(row kgxRow) (string, error) {
	for _, col := range kgxEdgeSources {
		switch v := row.cells[col]; len(v) {
		case 0:
			continue
		case 1:
			return v[0], nil
		default:
			return "", fmt.Errorf("%d sources in %s (%s), want the one primary source", len(v), col, strings.Join(v, ", "))
		}
	}
	return "", nil
}

// folderSource returns the source of the rows of a file that name none:
// pgsrc: and the name of the file's folder, such as pgsrc:ogbl-ddi.
func folderSource(ctx context.Context, p *parsed, at pos) graph.ID {
	dir, err := filepath.Abs(filepath.Dir(at.file))
	if err != nil {
		dir = filepath.Dir(at.file)
	}
	name := strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(filepath.Base(dir))), "-")
	if name == "" {
		name = "kgx"
	}
	id := graph.ID("pgsrc:" + name)
	p.implySource(ctx, at, graph.Source{ID: id, Name: filepath.Base(dir),
		KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent,
		Description: "The KGX rows of the folder " + filepath.Base(dir) + " that name no source."})
	return id
}

// readKGXManifest reads the sources of our export's manifest.json.
func readKGXManifest(ctx context.Context, r *reader, p *parsed) error {
	var b strings.Builder
	for {
		text, ok := r.next()
		if !ok {
			break
		}
		b.WriteString(text)
		b.WriteByte('\n')
	}
	if err := r.err(); err != nil {
		return err
	}
	var m struct {
		Sources []graph.Source `json:"sources"`
	}
	at := pos{r.name, 1}
	if err := json.Unmarshal([]byte(b.String()), &m); err != nil {
		p.bad(at, "", fmt.Errorf("not a manifest: %v", err))
		return nil
	}
	for _, s := range m.Sources {
		p.defineSource(ctx, at, s)
	}
	return nil
}
