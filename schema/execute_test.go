package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"

	"pharmagraph/schema"
)

// TestExecute checks that schema.Execute answers what graphql-go answers,
// byte for byte once encoded, for the parts of GraphQL the golden queries
// leave out (variables, fragments, aliases, directives, __typename), and
// that it leaves to graphql-go every query whose answer has an error or
// needs introspection.
func TestExecute(t *testing.T) {
	s := build(t, seeded(t))
	tests := []struct {
		name, query string
		vars        map[string]any
		declined    bool
	}{
		{name: "variables", query: `query($d: String!, $c: EffectContext) { drug(name: $d) { id effects(context: $c) { effect { name } context } } }`,
			vars: map[string]any{"d": "baclofen", "c": "WITHDRAWAL"}},
		{name: "nullable variable absent", query: `query($c: EffectContext) { drug(name: "baclofen") { effects(context: $c) { effect { id } } } }`},
		{name: "variable default", query: `query($n: Int = 3) { search(text: "alcohol", first: $n) { node { id } } }`},
		{name: "list variable", query: `query($ds: [String!]!) { overlapAll(drugs: $ds) { all { name } } }`,
			vars: map[string]any{"ds": []any{"baclofen", "alcohol"}}},
		{name: "aliases and merged fields", query: `{ x: drug(name: "baclofen") { name id } drug(name: "alcohol") { id } y: drug(name: "baclofen") { name classes { name } classes { id } } }`},
		{name: "many keys, merged past the sixteenth", query: `{ drug(name: "baclofen") { a1: id a2: id a3: id a4: id a5: id a6: id a7: id a8: id ` +
			`a9: id a10: id a11: id a12: id a13: id a14: id a15: id a16: name a17: name classes { id } a3: id classes { name } a17: name } }`},
		{name: "fragments and typename", query: `query Q { node(id: "DRUGBANK:DB00181") { __typename ...N ... on Drug { synonyms } ... on Effect { drugs { context } } } } fragment N on Node { id name }`},
		{name: "directives", query: `query($yes: Boolean!) { drug(name: "baclofen") { id @skip(if: true) name @include(if: $yes) synonyms @include(if: false) } }`,
			vars: map[string]any{"yes": true}},
		{name: "floats", query: `{ overlap(a: "baclofen", b: "alcohol") { jaccard } similar(drug: "baclofen", by: EFFECTS, first: 3) { jaccard } }`},
		{name: "unknown name", query: `{ drug(name: "baclofen") { id } overlap(a: "baclofen", b: "no such drug") { jaccard } }`, declined: true},
		{name: "introspection", query: `{ __schema { queryType { name } } }`, declined: true},
		{name: "non-null variable missing", query: `query($d: String!) { drug(name: $d) { id } }`, declined: true},
		{name: "variable of the wrong type", query: `query($n: Int) { search(text: "alcohol", first: $n) { node { id } } }`,
			vars: map[string]any{"n": "three"}, declined: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parser.Parse(parser.ParseParams{Source: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if v := graphql.ValidateDocument(&s, doc, nil); !v.IsValid {
				t.Fatalf("invalid query: %v", v.Errors)
			}
			ctx := schema.WithRequestID(context.Background(), "req-1")
			res := graphql.Execute(graphql.ExecuteParams{Schema: s, AST: doc, Args: tt.vars, Context: ctx})
			want, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			got.WriteString(`{"data":`)
			ok := schema.Execute(ctx, s, doc, "", tt.vars, &got)
			got.WriteByte('}')
			switch {
			case ok == tt.declined:
				t.Fatalf("schema.Execute answered %v, want %v; graphql-go: %s", ok, !tt.declined, want)
			case ok && !bytes.Equal(got.Bytes(), want):
				t.Errorf("schema.Execute:\n%s\ngraphql-go:\n%s", got.Bytes(), want)
			case !ok && len(res.Errors) == 0 && !bytes.Contains(want, []byte("__schema")):
				t.Errorf("schema.Execute declined a query graphql-go answers without error: %s", want)
			}
		})
	}
}
