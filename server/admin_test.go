package server_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"pharmagraph/server"
)

// TestAdminLoad checks who may use /admin/load and what it takes: the
// route is off without a token, refuses a wrong or missing token and an
// upload over the cap, and hands the files it accepts to Load, each
// argument's files in a folder of their own.
func TestAdminLoad(t *testing.T) {
	var got []string
	load := func(ctx context.Context, format string, paths []string, w io.Writer) (int, error) {
		got = nil
		for _, p := range paths {
			names, _ := os.ReadDir(p)
			for _, n := range names {
				b, _ := os.ReadFile(filepath.Join(p, n.Name()))
				got = append(got, filepath.Base(p)+"/"+n.Name()+"="+string(b))
			}
		}
		io.WriteString(w, "loaded "+format+"\n")
		return 0, nil
	}
	on := start(t, server.Options{Admin: server.Admin{Token: "s3cret", MaxUpload: 4 << 10, Load: load}})
	off := start(t, server.Options{Admin: server.Admin{Load: load}})
	body := func(files map[string]string) (io.Reader, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for name, text := range files {
			field, file, _ := strings.Cut(name, "/")
			w, _ := mw.CreateFormFile(field, file)
			io.WriteString(w, text)
		}
		mw.Close()
		return &b, mw.FormDataContentType()
	}
	small := map[string]string{"0/facts.tsv": "a", "1/nodes.tsv": "b"}
	tests := []struct {
		name   string
		base   string
		token  string
		files  map[string]string
		status int
		want   string
	}{
		{"off by default", off.URL, "", small, http.StatusNotFound, ""},
		{"no token", on.URL, "", small, http.StatusUnauthorized, ""},
		{"wrong token", on.URL, "s3cres", small, http.StatusUnauthorized, ""},
		{"too big", on.URL, "s3cret", map[string]string{"0/big.tsv": strings.Repeat("x", 8<<10)}, http.StatusRequestEntityTooLarge, ""},
		{"a field that is no argument", on.URL, "s3cret", map[string]string{"../0/x": "a"}, http.StatusBadRequest, ""},
		{"loaded", on.URL, "s3cret", small, http.StatusOK, "loaded kgx\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ct := body(tt.files)
			req, _ := http.NewRequest(http.MethodPost, tt.base+"/admin/load?format=kgx", b)
			req.Header.Set("Content-Type", ct)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, out)
			}
			if tt.want != "" && string(out) != tt.want {
				t.Errorf("body %q, want %q", out, tt.want)
			}
		})
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "0/facts.tsv=a 1/nodes.tsv=b" {
		t.Errorf("Load got %q, want the two files each in its argument's folder", got)
	}
}
