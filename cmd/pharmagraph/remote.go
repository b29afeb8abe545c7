package main

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"pharmagraph/server"
)

// loadRemote sends the files at paths (a folder stands for the files in
// it) to the /admin/load route of the server at base, streamed, and prints
// the summary of the load the server made.
func loadRemote(ctx context.Context, base, token, format string, paths []string, stdout io.Writer) error {
	if token == "" {
		return usagef("load: --server needs --token (or PHARMAGRAPH_ADMIN_TOKEN)")
	}
	var files [][2]string // form field (the argument's index), path
	for i, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			files = append(files, [2]string{strconv.Itoa(i), p})
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, [2]string{strconv.Itoa(i), filepath.Join(p, e.Name())})
			}
		}
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		pw.CloseWithError(func() error {
			for _, f := range files {
				part, err := mw.CreateFormFile(f[0], filepath.Base(f[1]))
				if err != nil {
					return err
				}
				in, err := os.Open(f[1])
				if err != nil {
					return err
				}
				_, err = io.Copy(part, in)
				in.Close()
				if err != nil {
					return err
				}
			}
			return mw.Close()
		}())
	}()
	u := strings.TrimSuffix(base, "/") + "/admin/load?format=" + url.QueryEscape(format)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, pr)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
		return fmt.Errorf("load: %s answered %s: %s", base, res.Status, strings.TrimSpace(string(msg)))
	}
	if _, err := io.Copy(stdout, res.Body); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if n, _ := strconv.Atoi(res.Header.Get(server.RejectedHeader)); n > 0 {
		return fmt.Errorf("load: %d %w; the rest is loaded", n, errRejected)
	}
	return nil
}
