package schema

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteString checks that writeString writes what encoding/json does:
// every ASCII character alone and within text, and the runes it escapes or
// replaces beyond ASCII.
func TestWriteString(t *testing.T) {
	cases := []string{"", "baclofen", "γ-aminobutyric acid", "a\u2028b", "a\u2029b", "bad \xff byte", "\U0001F48A"}
	for c := range 0x80 {
		cases = append(cases, string(rune(c)), "drug "+string(rune(c))+" name")
	}
	for _, s := range cases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		writeString(&got, s)
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("writeString(%q) = %s, encoding/json gives %s", s, got.Bytes(), want)
		}
	}
}
