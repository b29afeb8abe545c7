package server

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzMembers holds members to encoding/json: for any JSON object, the
// values it finds under the four parameter names are those that decoding
// the object into a map[string]json.RawMessage gives, and jsonString
// decodes each as encoding/json does.
func FuzzMembers(f *testing.F) {
	for _, body := range []string{
		`{"query": "{ stats { nodes } }"}`,
		` { "query" : "{ a }" , "variables" : { "n" : [1, {"x": "}]\""}] } , "extensions": null } `,
		`{"\u0071uery": "escaped name", "operationName": "A", "query": "the last one"}`,
		`{"Query": "not the name", "query": "caf\u00e9 \"quoted\" \\ \n"}`,
		`{"query": 12e3, "operationName": true, "variables": false, "extensions": []}`,
		`{"query": "escapes: \" \\ \/ \b \f \n \r \t"}`,
		`{}`,
		`{"x": {"query": "nested"}, "query": "{ b }"}`,
		"{\"query\": \"invalid UTF-8: \xff\"}",
	} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		trimmed := bytes.TrimSpace([]byte(body))
		var want map[string]json.RawMessage
		if !json.Valid(trimmed) || trimmed[0] != '{' || json.Unmarshal(trimmed, &want) != nil {
			return
		}
		m := members(trimmed)
		for name, got := range map[string]json.RawMessage{"query": m.query, "operationName": m.operationName,
			"variables": m.variables, "extensions": m.extensions} {
			w, ok := want[name]
			if !ok {
				if got != nil {
					t.Errorf("%q: %s has %q; encoding/json finds none", body, name, got)
				}
				continue
			}
			if !bytes.Equal(got, w) {
				t.Errorf("%q: %s is %q; encoding/json finds %q", body, name, got, w)
			}
			var s string
			err := json.Unmarshal(w, &s)
			if got, ok := jsonString(w); ok != (err == nil) || got != s {
				t.Errorf("%q: jsonString(%s) = %q, %v; encoding/json gives %q, %v", body, w, got, ok, s, err)
			}
		}
	})
}
