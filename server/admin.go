package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Admin configures POST /admin/load, which loads files sent to a running
// server: the way to add data to a bolt store, whose folder the server
// owns. The route is off unless Token and Load are set.
type Admin struct {
	// Token is the bearer token a request must carry; empty turns the
	// route off.
	Token string
	// MaxUpload caps the bytes of one request's files; zero means 2 GiB.
	MaxUpload int64
	// Load loads the files or folders at paths with the format named
	// (empty: guessed per file), writes the load's summary to w, and
	// returns how many rows it rejected.
	Load func(ctx context.Context, format string, paths []string, w io.Writer) (rejected int, err error)
}

// RejectedHeader is the response header of /admin/load that counts the rows
// a load rejected while loading the rest.
const RejectedHeader = "X-Pharmagraph-Rejected"

// adminLoad answers POST /admin/load: a multipart/form-data body of files
// and an optional format query parameter. Each file's form field is the
// index of the command-line argument it comes from, so that the files of
// one argument (a folder, such as SIDER's) land together and files of the
// same name from two arguments do not collide.
// The files are written to a temporary folder, then loaded in one write:
// queries go on meanwhile and see the load once it has completed.
func (s *Server) adminLoad(w http.ResponseWriter, r *http.Request) {
	a := s.opts.Admin
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(a.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="pharmagraph admin"`)
		http.Error(w, "a valid bearer token is needed", http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "use POST", http.StatusMethodNotAllowed)
		return
	}
	if s.api.Load() == nil {
		http.Error(w, "not ready: the store is opening or the seeds are loading", http.StatusServiceUnavailable)
		return
	}
	// A big load takes longer to send and to load than the server's
	// timeouts for queries allow.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	max := a.MaxUpload
	if max <= 0 {
		max = 2 << 30
	}
	r.Body = http.MaxBytesReader(w, r.Body, max)
	dir, err := os.MkdirTemp("", "pharmagraph-load-")
	if err != nil {
		s.opts.Log.Error("admin load: temporary folder", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer os.RemoveAll(dir)
	paths, err := receiveFiles(r, dir)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, fmt.Sprintf("the files exceed the upload limit of %d bytes", max), http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var out strings.Builder
	rejected, err := a.Load(r.Context(), r.URL.Query().Get("format"), paths, &out)
	if err != nil {
		// A load's errors name the file and line, which the sender needs;
		// they hold nothing of the store's but the sender's own files.
		s.opts.Log.Warn("admin load failed", "err", err)
		http.Error(w, strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set(RejectedHeader, strconv.Itoa(rejected))
	io.WriteString(w, strings.ReplaceAll(out.String(), dir+string(filepath.Separator), ""))
}

// receiveFiles writes the files of a multipart body into dir and returns
// the folder of each argument, in order.
func receiveFiles(r *http.Request, dir string) ([]string, error) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "multipart/form-data" {
		return nil, errors.New("send the files as multipart/form-data")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	var paths []string
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		arg, name := part.FormName(), part.FileName() // FileName has no folder
		if _, err := strconv.Atoi(arg); err != nil || name == "" || name == "." || name == ".." {
			return nil, fmt.Errorf("part %q (%q): send each file with a file name, in the field of its argument's number", arg, name)
		}
		folder := filepath.Join(dir, arg)
		if !seen[folder] {
			seen[folder] = true
			paths = append(paths, folder)
			if err := os.Mkdir(folder, 0o700); err != nil {
				return nil, err
			}
		}
		f, err := os.OpenFile(filepath.Join(folder, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, fmt.Errorf("part %q: %w", part.FileName(), err)
		}
		_, err = io.Copy(f, part)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	if len(paths) == 0 {
		return nil, errors.New("no files sent")
	}
	return paths, nil
}
