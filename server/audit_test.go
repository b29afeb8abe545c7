package server_test

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"pharmagraph/server"
)

// TestGraphQLOverHTTPAudit runs the graphql-http package's server audits
// (testdata/audit) against the server, listening as the serve command
// does. Every audit, MUST, SHOULD and MAY, must pass. It skips when node or
// the package is missing, unless PHARMAGRAPH_TEST_AUDIT is set, as .ci/run
// sets it after installing them.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "audit"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil || !exists(filepath.Join(dir, "node_modules", "graphql-http")) {
		msg := "the audit needs node and `npm ci` in server/testdata/audit; "
		if os.Getenv("PHARMAGRAPH_TEST_AUDIT") != "" {
			t.Fatal(msg + "PHARMAGRAPH_TEST_AUDIT is set")
		}
		t.Skip(msg + "set PHARMAGRAPH_TEST_AUDIT=1 to make this a failure")
	}
	srv := server.New(server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := srv.Ready(seeded(t)); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer("")
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })

	cmd := exec.Command("node", "audit.mjs", "http://"+ln.Addr().String()+"/graphql")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("the audit failed: %v", err)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil || !errors.Is(err, os.ErrNotExist)
}
