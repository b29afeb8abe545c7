package schema_test

import (
	"os"
	"testing"

	"github.com/graphql-go/graphql/language/parser"

	"pharmagraph/schema"
)

// TestSDL checks that schema.graphql is the print of the schema New builds:
// a change to the API must show in that file's diff. Run with -update after
// changing the schema on purpose.
func TestSDL(t *testing.T) {
	got := schema.SDL(build(t, seeded(t)))
	if again := schema.SDL(build(t, seeded(t))); again != got {
		t.Fatal("SDL differs between two builds of the same schema")
	}
	if _, err := parser.Parse(parser.ParseParams{Source: got}); err != nil {
		t.Fatalf("SDL does not parse: %v", err)
	}
	const file = "schema.graphql"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s is not the SDL of the schema; run go test ./schema -run TestSDL -update and review the diff", file)
	}
}
