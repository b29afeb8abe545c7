package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/location"
	"github.com/graphql-go/graphql/testutil"
)

// nested returns an operation whose fields nest depth deep.
func nested(depth int) string {
	return "{ " + strings.Repeat("drug { ", depth-1) + "name" + strings.Repeat(" }", depth-1) + " }"
}

// fanOut returns a query spreading F1, where each of n fragments spreads
// the next width times: expanded, it asks for width^(n-1) fields.
func fanOut(n, width int) string {
	var b strings.Builder
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Drug {%s }\n", i, strings.Repeat(fmt.Sprintf(" ...F%d", i+1), width))
	}
	fmt.Fprintf(&b, "fragment F%d on Drug { name }\n", n)
	b.WriteString(`{ drug(name: "x") { ...F1 } }`)
	return b.String()
}

// chain returns a query spreading F1, where each of n fragments nests the
// next one field deeper.
func chain(n int) string {
	var b strings.Builder
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Drug { targets { ...F%d } }\n", i, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Drug { name }\n", n)
	b.WriteString(`{ drug(name: "x") { ...F1 } }`)
	return b.String()
}

// distinct returns an operation with n differently named fields.
func distinct(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " f%d", i)
	}
	b.WriteString(" }")
	return b.String()
}

// repeated returns an operation selecting, n times over, the field that
// format makes of its index.
func repeated(n int, format string) string {
	var b strings.Builder
	b.WriteString(`{ drug(name: "x") {`)
	for i := range n {
		b.WriteString(" ")
		if strings.Contains(format, "%") {
			fmt.Fprintf(&b, format, i)
		} else {
			b.WriteString(format)
		}
	}
	b.WriteString(" } }")
	return b.String()
}

// aliases returns an operation with n aliased fields.
func aliases(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " d%d: drug(name: \"x\") { name }", i)
	}
	b.WriteString(" }")
	return b.String()
}

func loc(line, column int) location.SourceLocation {
	return location.SourceLocation{Line: line, Column: column}
}

func TestCheckQuery(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		lim     Limits
		wantErr error                     // the kind of QueryError; nil if the query passes
		wantMsg string                    // the exact message, if set
		wantLoc []location.SourceLocation // the exact locations, if set
	}{
		// Queries that pass.
		{
			name:  "plain",
			query: `{ drug(name: "aspirin") { name } }`,
		},
		{
			name: "fragments",
			query: `
				query Q { drug(name: "aspirin") { ...D targets { ...P } } }
				fragment D on Drug { name }
				fragment P on Protein { name drugs { ...D } }`,
		},
		{
			name:  "fragment used before its definition and spread many times",
			query: `{ a: drug(name: "x") { ...D } b: drug(name: "y") { ...D ...D } } fragment D on Drug { name }`,
		},
		{
			name: "diamond of fragments is no cycle",
			query: `
				{ drug(name: "x") { ...A } }
				fragment A on Drug { ...B ...C }
				fragment B on Drug { ...D }
				fragment C on Drug { ...D }
				fragment D on Drug { name }`,
		},
		{
			name:  "inline fragments",
			query: `{ node(id: "x") { ... on Drug { name } ... @include(if: true) { id } ... { id } } }`,
		},
		{
			name:  "aliases and variables",
			query: `query Pair($a: String!, $b: String = "ibuprofen") { first: drug(name: $a) { name } second: drug(name: $b) { n: name } }`,
		},
		{
			name: "several operations of every type",
			query: `
				query A { drug(name: "x") { name } }
				mutation B { addDrug(name: "x") { name } }
				subscription C { drugAdded { ...D } }
				fragment D on Drug { name }`,
		},
		{
			name:  "depth at the limit",
			query: nested(15),
		},
		{
			name:  "depth at a lower limit",
			query: nested(3),
			lim:   Limits{MaxDepth: 3},
		},
		{
			name:  "introspection",
			query: testutil.IntrospectionQuery,
		},
		{
			name:  "tokens at the limit",
			query: distinct(1998),
		},
		{
			name:  "fields at the limit",
			query: distinct(2000),
			lim:   Limits{MaxTokens: 3000},
		},
		{
			name:  "aliases at the limit",
			query: aliases(100),
		},
		{
			name:  "deep fragment chain within the limit",
			query: chain(14),
		},
		{
			name:  "overlaps at the limit",
			query: repeated(141, "name"),
		},
		{
			name:  "conflicts within the limit",
			query: repeated(14, "interactsWith(limit: %d) { name }"),
		},
		{
			name:  "same arguments in another order and spacing are no conflict",
			query: repeated(20, "interactsWith(limit: 1, after: [\"x\", {a: 1, b: $v}]) { name } interactsWith(after:[\"x\",{a:1,b:$v}],limit:1) { name }"),
		},
		{
			name: "fragments selecting the same fields",
			query: `{ drug(name: "x") { id ...A ...B ... on Drug { id name } } }
				fragment A on Drug { id name targets { id } }
				fragment B on Drug { id name targets { id name } }`,
		},
		{
			name:  "empty, left for graphql-go to refuse",
			query: "",
		},
		{
			name:  "small fan-out",
			query: fanOut(5, 2),
		},

		// Fragment cycles, which crash graphql-go.
		{
			name:    "two-cycle",
			query:   `fragment A on Drug { ...B } fragment B on Drug { ...A } { drug(name:"x") { ...A } }`,
			wantErr: errFragmentCycle,
			wantMsg: "fragment cycle: A -> B -> A",
			wantLoc: []location.SourceLocation{loc(1, 22), loc(1, 50)},
		},
		{
			name:    "three-cycle",
			query:   "{ drug(name: \"x\") { ...A } }\nfragment A on Drug { ...B }\nfragment B on Drug { ...C }\nfragment C on Drug { ...A }",
			wantErr: errFragmentCycle,
			wantMsg: "fragment cycle: A -> B -> C -> A",
			wantLoc: []location.SourceLocation{loc(2, 22), loc(3, 22), loc(4, 22)},
		},
		{
			name:    "self-spread",
			query:   `fragment A on Drug { ...A } { drug(name:"x") { ...A } }`,
			wantErr: errFragmentCycle,
			wantMsg: "fragment cycle: A -> A",
			wantLoc: []location.SourceLocation{loc(1, 22)},
		},
		{
			name: "cycle through fields and inline fragments",
			query: `
				{ drug(name: "x") { ...A } }
				fragment A on Drug { name targets { ... on Protein { ...B } } }
				fragment B on Protein { drugs { ... { ...A } } }`,
			wantErr: errFragmentCycle,
			wantMsg: "fragment cycle: A -> B -> A",
		},
		{
			name:    "cycle entered from a fragment outside it",
			query:   `{ drug(name:"x") { ...Z } } fragment Z on Drug { ...A } fragment A on Drug { ...B } fragment B on Drug { ...A }`,
			wantErr: errFragmentCycle,
			wantMsg: "fragment cycle: A -> B -> A",
		},
		{
			name:    "unused cycle",
			query:   `{ drug(name:"x") { name } } fragment A on Drug { ...B } fragment B on Drug { ...A }`,
			wantErr: errFragmentCycle,
			wantMsg: "fragment cycle: A -> B -> A",
		},
		{
			name:    "cycle without operations",
			query:   `fragment A on Drug { ...A }`,
			wantErr: errFragmentCycle,
		},

		// What graphql-go's parser lets through but its validation trips on.
		{
			name:    "variable without a type",
			query:   `query ($a:) { drug(name: $a) { name } }`,
			wantErr: errSyntax,
			wantMsg: "syntax error: malformed type for variable $a",
			wantLoc: []location.SourceLocation{loc(1, 8)},
		},
		{
			name:    "variable typed ]",
			query:   `query ($a: ]) { drug(name: $a) { name } }`,
			wantErr: errSyntax,
		},
		{
			name:    "variable typed !",
			query:   `query ($a: !) { drug(name: $a) { name } }`,
			wantErr: errSyntax,
		},
		{
			name:    "variable typed [!]",
			query:   `query ($a: [!]) { drug(name: $a) { name } }`,
			wantErr: errSyntax,
		},
		{
			name:  "variable types that are complete",
			query: `query ($a: String!, $b: [[String!]!], $c: [Int]) { drug(name: $a) { name } }`,
		},
		{
			name:    "type system definition",
			query:   "{ drug(name: \"x\") { name } }\ntype Drug { name: String }",
			wantErr: errNotExecutable,
			wantMsg: "a query may define only operations and fragments",
			wantLoc: []location.SourceLocation{loc(2, 1)},
		},

		// Fragment names.
		{
			name:    "unknown fragment",
			query:   "query {\n  drug(name: \"x\") {\n    ...Missing\n  }\n}",
			wantErr: errUnknownFragment,
			wantMsg: `unknown fragment "Missing"`,
			wantLoc: []location.SourceLocation{loc(3, 5)},
		},
		{
			name:    "unknown fragment in a fragment",
			query:   `{ drug(name:"x") { ...A } } fragment A on Drug { ... on Drug { ...B } }`,
			wantErr: errUnknownFragment,
			wantMsg: `unknown fragment "B"`,
		},
		{
			name:    "duplicate fragment hiding a cycle",
			query:   "{ drug(name:\"x\") { ...A } }\nfragment A on Drug { name }\nfragment A on Drug { ...A }",
			wantErr: errDuplicateFragment,
			wantMsg: `duplicate fragment "A"`,
			wantLoc: []location.SourceLocation{loc(2, 10), loc(3, 10)},
		},

		// Limits.
		{
			name:    "depth over the limit",
			query:   nested(16),
			wantErr: errLimit,
			wantMsg: "query depth 16 exceeds the limit of 15",
			wantLoc: []location.SourceLocation{loc(1, 108)},
		},
		{
			name:    "depth over a lower limit",
			query:   nested(4),
			lim:     Limits{MaxDepth: 3},
			wantErr: errLimit,
			wantMsg: "query depth 4 exceeds the limit of 3",
		},
		{
			name:    "depth over the limit through fragments",
			query:   chain(20),
			wantErr: errLimit,
			wantMsg: "query depth 21 exceeds the limit of 15",
			wantLoc: []location.SourceLocation{loc(20, 24)}, // name in F20
		},
		{
			name:    "depth over the limit in a second operation",
			query:   "query Shallow { drug(name: \"x\") { name } }\nquery Deep " + nested(16),
			wantErr: errLimit,
			wantMsg: "query depth 16 exceeds the limit of 15",
		},
		{
			name:    "depth over the limit in a mutation",
			query:   "mutation " + nested(16),
			wantErr: errLimit,
		},
		{
			name:    "fields over the limit",
			query:   distinct(2001),
			lim:     Limits{MaxTokens: 3000},
			wantErr: errLimit,
			wantMsg: "query field count 2001 exceeds the limit of 2000",
			wantLoc: []location.SourceLocation{loc(1, 1)},
		},
		{
			name:    "fields over the limit by spreading a fragment",
			query:   "{" + strings.Repeat(" ...F", 201) + " } fragment F on Query { a b c d e f g h i j }",
			wantErr: errLimit,
			wantMsg: "query field count 2010 exceeds the limit of 2000",
		},
		{
			name:    "fan-out bomb",
			query:   fanOut(30, 2),
			wantErr: errLimit,
			wantMsg: "query field count 536870913 exceeds the limit of 2000",
		},
		{
			name:    "fan-out bomb past any int",
			query:   fanOut(60, 10),
			wantErr: errLimit,
			wantMsg: "query field count 2147483647 or more exceeds the limit of 2000",
		},
		{
			name:    "aliases over the limit",
			query:   aliases(101),
			wantErr: errLimit,
			wantMsg: "query alias count 101 exceeds the limit of 100",
		},
		{
			name:    "overlaps over the limit",
			query:   repeated(142, "name"),
			wantErr: errLimit,
			wantMsg: "query has 10011 or more pairs of fields sharing a response name, over the limit of 10000",
		},
		{
			name:    "overlaps over the limit through fragments",
			query:   `{ drug(name: "x") {` + strings.Repeat(" ...F", 50) + ` } } fragment F on Drug { name name name }`,
			wantErr: errLimit,
		},
		{
			name:    "conflicts over the limit",
			query:   "{ drug(name: \"x\") {\n" + strings.Repeat("interactsWith(limit: 1) { name }\n", 3) + "interactsWith(limit: 2) { name }\n} }",
			lim:     Limits{MaxConflicts: 2},
			wantErr: errLimit,
			wantMsg: "query has 3 or more pairs of fields sharing a response name but differing in name or arguments, over the limit of 2",
			wantLoc: []location.SourceLocation{loc(2, 1), loc(5, 1)},
		},
		{
			name:    "conflicts over the default limit",
			query:   repeated(15, "interactsWith(limit: %d) { name }"),
			wantErr: errLimit,
			wantMsg: "query has 105 or more pairs of fields sharing a response name but differing in name or arguments, over the limit of 100",
		},
		{
			name:    "conflict storm",
			query:   repeated(100, "interactsWith(limit: %d) { name }"),
			wantErr: errLimit,
			wantMsg: "query has 4950 or more pairs of fields sharing a response name but differing in name or arguments, over the limit of 100",
		},
		{
			name:    "conflicts between different fields under one alias",
			query:   `{ drug(name: "x") { n: name n: targets { name } n: interactsWith { name } } }`,
			lim:     Limits{MaxConflicts: 2},
			wantErr: errLimit,
		},
		{
			name: "conflicts in merged selections",
			query: `{
				drug(name: "x") { interactsWith { x: name } }
				drug(name: "x") { interactsWith { x: targets { name } } }
				drug(name: "x") { interactsWith { x: interactsWith { name } } }
			}`,
			lim:     Limits{MaxConflicts: 2},
			wantErr: errLimit,
			wantMsg: "query has 3 or more pairs of fields sharing a response name but differing in name or arguments, over the limit of 2",
		},
		{
			name:    "size over the limit",
			query:   `{ drug(name: "aspirin") { name } }`,
			lim:     Limits{MaxQueryBytes: 20},
			wantErr: errLimit,
			wantMsg: "query size 34 bytes exceeds the limit of 20",
		},
		{
			name:    "tokens over the limit",
			query:   distinct(1999),
			wantErr: errLimit,
			wantMsg: "query token count exceeds the limit of 2000",
			wantLoc: []location.SourceLocation{loc(1, len(distinct(1999)))},
		},
		{
			name:    "size over the default limit",
			query:   "{ name }" + strings.Repeat(" ", 16<<10),
			wantErr: errLimit,
		},
		{
			name:    "braces nested too deep for the parser",
			query:   strings.Repeat("{", 16000),
			wantErr: errLimit,
			wantMsg: "query nesting 65 exceeds the limit of 64",
			wantLoc: []location.SourceLocation{loc(1, 65)},
		},
		{
			name:    "inline fragments nested too deep",
			query:   "{" + strings.Repeat(" ... {", 100) + " name" + strings.Repeat(" }", 100) + " }",
			wantErr: errLimit,
			wantMsg: "query nesting 65 exceeds the limit of 64",
		},
		{
			name:    "argument lists nested too deep",
			query:   `{ drug(name: ` + strings.Repeat("[", 100) + `"x"` + strings.Repeat("]", 100) + `) { name } }`,
			wantErr: errLimit,
		},

		// Syntax.
		{
			name:    "syntax error",
			query:   "{\n  drug(name: ) { name }\n}",
			wantErr: errSyntax,
			wantMsg: `syntax error: unexpected )`,
			wantLoc: []location.SourceLocation{loc(2, 14)},
		},
		{
			name:    "unterminated",
			query:   `{ drug(name: "x") { name }`,
			wantErr: errSyntax,
			wantMsg: "syntax error: expected Name, found EOF",
			wantLoc: []location.SourceLocation{loc(1, 27)},
		},
		{
			name:    "bad token",
			query:   `{ drug(name: "x) { name } }`,
			wantErr: errSyntax,
			wantMsg: "syntax error: unterminated string.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := checkQuery(tt.query, tt.lim)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("checkQuery() error = %v, want none", err)
				}
				if doc == nil {
					t.Fatal("checkQuery() returned no document and no error")
				}
				return
			}
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("checkQuery() error = %#v, want a *QueryError", err)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("checkQuery() error = %q of kind %v, want kind %v", err, qe.Err, tt.wantErr)
			}
			if tt.wantMsg != "" && qe.Message != tt.wantMsg {
				t.Errorf("checkQuery() message = %q, want %q", qe.Message, tt.wantMsg)
			}
			if tt.wantLoc != nil && !reflect.DeepEqual(qe.Locations, tt.wantLoc) {
				t.Errorf("checkQuery() locations = %v, want %v", qe.Locations, tt.wantLoc)
			}
			if doc != nil {
				t.Error("checkQuery() returned a document with its error")
			}
		})
	}
}

func TestLimitsDefaults(t *testing.T) {
	defaults := Limits{MaxQueryBytes: 16 << 10, MaxTokens: 2000, MaxNesting: 64, MaxDepth: 15, MaxFields: 2000, MaxAliases: 100, MaxOverlaps: 10000, MaxConflicts: 100}
	tests := []struct {
		name string
		in   Limits
		want Limits
	}{
		{"zero", Limits{}, defaults},
		{"negative", Limits{MaxQueryBytes: -1, MaxTokens: -1, MaxNesting: -1, MaxDepth: -1, MaxFields: -1, MaxAliases: -1, MaxOverlaps: -1, MaxConflicts: -1},
			defaults},
		{"set", Limits{MaxQueryBytes: 1, MaxTokens: 8, MaxNesting: 2, MaxDepth: 3, MaxFields: 4, MaxAliases: 5, MaxOverlaps: 6, MaxConflicts: 7},
			Limits{MaxQueryBytes: 1, MaxTokens: 8, MaxNesting: 2, MaxDepth: 3, MaxFields: 4, MaxAliases: 5, MaxOverlaps: 6, MaxConflicts: 7}},
		{"nesting follows a deep MaxDepth", Limits{MaxDepth: 30},
			Limits{MaxQueryBytes: 16 << 10, MaxTokens: 2000, MaxNesting: 120, MaxDepth: 30, MaxFields: 2000, MaxAliases: 100, MaxOverlaps: 10000, MaxConflicts: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.withDefaults(); got != tt.want {
				t.Errorf("%+v.withDefaults() = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestQueryErrorJSON pins the shape the HTTP layer sends: one entry of a
// GraphQL response's "errors" list.
func TestQueryErrorJSON(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{
			name:  "located",
			query: `fragment A on Drug { ...A } { drug(name:"x") { ...A } }`,
			want:  `{"errors":[{"message":"fragment cycle: A -\u003e A","locations":[{"line":1,"column":22}]}]}`,
		},
		{
			name:  "unlocated",
			query: strings.Repeat(" ", 20000),
			want:  `{"errors":[{"message":"query size 20000 bytes exceeds the limit of 16384"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := checkQuery(tt.query, Limits{})
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("checkQuery() error = %v, want a *QueryError", err)
			}
			got, err := json.Marshal(map[string]any{"errors": []*QueryError{qe}})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("JSON = %s, want %s", got, tt.want)
			}
		})
	}
}

// fuzzSchema is a small schema for FuzzCheckQuery to validate against.
func fuzzSchema(t testing.TB) *graphql.Schema {
	protein := graphql.NewObject(graphql.ObjectConfig{Name: "Protein", Fields: graphql.Fields{
		"name": &graphql.Field{Type: graphql.String},
	}})
	drug := graphql.NewObject(graphql.ObjectConfig{Name: "Drug", Fields: graphql.Fields{
		"name":    &graphql.Field{Type: graphql.String},
		"targets": &graphql.Field{Type: graphql.NewList(protein)},
	}})
	drug.AddFieldConfig("interactsWith", &graphql.Field{
		Type: graphql.NewList(drug),
		Args: graphql.FieldConfigArgument{"limit": &graphql.ArgumentConfig{Type: graphql.Int}},
	})
	protein.AddFieldConfig("drugs", &graphql.Field{Type: graphql.NewList(drug)})
	query := graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
		"drug": &graphql.Field{
			Type: drug,
			Args: graphql.FieldConfigArgument{"name": &graphql.ArgumentConfig{Type: graphql.String}},
		},
	}})
	s, err := graphql.NewSchema(graphql.SchemaConfig{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	return &s
}

// FuzzCheckQuery checks that checkQuery never panics, and that graphql-go
// can validate whatever it lets through without panicking or overflowing
// its stack, which would end the fuzzer's process.
func FuzzCheckQuery(f *testing.F) {
	schema := fuzzSchema(f)
	for _, q := range []string{
		`{ drug(name: "aspirin") { name } }`,
		`fragment A on Drug { ...B } fragment B on Drug { ...A } { drug(name:"x") { ...A } }`,
		`fragment A on Drug { ...A }`,
		`{ node(id: "x") { ... on Drug { name } ... @include(if: true) { id } } }`,
		`query Q($a: String = "x") { a: drug(name: $a) { ...D } } fragment D on Drug { name }`,
		`{ drug(name: ) { name } }`,
		`{ drug(name: "x) }`,
		`query ($a: [!]) { drug(name: $a) { name } }`,
		`type Drug { name: String }`,
		repeated(12, "interactsWith(limit: %d) { name }"),
		`{ drug(name: "x") { name targets { name drugs { interactsWith(limit: 2) { name } } } } }`,
		fanOut(8, 3),
		chain(5),
		nested(20),
		testutil.IntrospectionQuery,
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, query string) {
		doc, _, err := checkQuery(query, Limits{})
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Message == "" || qe.Err == nil {
				t.Fatalf("checkQuery(%q) error = %#v, want a *QueryError with a message and a kind", query, err)
			}
			if doc != nil {
				t.Fatalf("checkQuery(%q) returned a document with its error", query)
			}
			return
		}
		if doc == nil {
			t.Fatalf("checkQuery(%q) returned no document and no error", query)
		}
		graphql.ValidateDocument(schema, doc, nil)
	})
}
