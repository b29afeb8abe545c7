package explorer_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"pharmagraph/explorer"
)

// TestPagesLoadOnlyOwnFiles checks that each built page loads only files
// that the binary embeds, with no inline script or style, and that the CSP
// names no other host.
func TestPagesLoadOnlyOwnFiles(t *testing.T) {
	files := explorer.Files()
	refs := regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	for _, page := range []string{"index.html", "graphiql.html"} {
		b, err := fs.ReadFile(files, page)
		if err != nil {
			t.Fatalf("%s is not embedded (run npm ci && npm run build in explorer/web): %v", page, err)
		}
		html := string(b)
		if regexp.MustCompile(`<script(?:[^>]*)>[^<]+</script>|<style|style="`).MatchString(html) {
			t.Errorf("%s has an inline script or style", page)
		}
		scripts := 0
		for _, m := range refs.FindAllStringSubmatch(html, -1) {
			ref := m[1]
			switch {
			case ref == "data:,", ref == "/", strings.HasPrefix(ref, "#"), strings.HasPrefix(ref, "/graphql"),
				strings.HasPrefix(ref, "/overlap?"), strings.HasPrefix(ref, "/export?"):
			case strings.HasPrefix(ref, "/assets/"):
				if _, err := fs.Stat(files, strings.TrimPrefix(ref, "/")); err != nil {
					t.Errorf("%s loads %s, which is not embedded", page, ref)
				}
				if strings.HasSuffix(ref, ".js") {
					scripts++
				}
			default:
				t.Errorf("%s refers to %s, outside the binary", page, ref)
			}
		}
		if scripts == 0 {
			t.Errorf("%s loads no script of its own", page)
		}
	}
	if regexp.MustCompile(`https?:|\*|unsafe-`).MatchString(explorer.CSP) {
		t.Errorf("CSP %q allows another host or inline code", explorer.CSP)
	}
}
