package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"pharmagraph/graph"
)

// mountTmpfs mounts a tmpfs of size bytes on a new folder and returns it.
// Mounting needs root; without it the test skips, unless
// PHARMAGRAPH_TEST_MOUNT is set (as .ci/run sets it), when it fails.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		msg := "mounting a tmpfs needs root: " + strings.TrimSpace(string(out))
		if os.Getenv("PHARMAGRAPH_TEST_MOUNT") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; set PHARMAGRAPH_TEST_MOUNT=1 to make this a failure")
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestDiskFullAndReadOnly checks that a load into a data folder on a full
// disk, or on a read-only one, fails saying why and where, and leaves the
// store as it was.
func TestDiskFullAndReadOnly(t *testing.T) {
	mnt := mountTmpfs(t, "4m")
	data := filepath.Join(mnt, "data")
	runOK(t, "stats", "--data", data) // the seeds
	before := storeStats(t, data)
	input := t.TempDir()
	writeLoad(t, input, "full", 200, 2000)

	// Fill the disk.
	fill, err := os.Create(filepath.Join(mnt, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	for _, err = fill.Write(make([]byte, 64<<10)); err == nil; _, err = fill.Write(make([]byte, 64<<10)) {
	}
	fill.Close()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("filling the disk: %v", err)
	}
	loadErr := run(context.Background(), []string{"load", "--data", data, input}, new(bytes.Buffer), new(bytes.Buffer))
	if loadErr == nil || !strings.Contains(loadErr.Error(), "no space left on device") || !strings.Contains(loadErr.Error(), filepath.Join(data, "journal")) {
		t.Errorf("a load on a full disk: %v, want an error naming the journal and the full disk", loadErr)
	}
	os.Remove(filepath.Join(mnt, "fill"))
	checkUnchanged(t, data, before)

	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v: %s", err, out)
	}
	loadErr = run(context.Background(), []string{"load", "--data", data, input}, new(bytes.Buffer), new(bytes.Buffer))
	if loadErr == nil || !strings.Contains(loadErr.Error(), "read-only file system") || !strings.Contains(loadErr.Error(), data) {
		t.Errorf("a load into a read-only folder: %v, want an error naming the folder and why", loadErr)
	}
	if out, err := exec.Command("mount", "-o", "remount,rw", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount read-write: %v: %s", err, out)
	}
	checkUnchanged(t, data, before)
}

// checkUnchanged checks that the store in dir verifies and counts as before.
func checkUnchanged(t *testing.T, dir string, before graph.Stats) {
	t.Helper()
	s, err := graph.Open(context.Background(), "bolt", dir, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Verify(context.Background()); err != nil {
		t.Error(err)
	}
	if got, err := s.Stats(context.Background()); err != nil || !reflect.DeepEqual(got, before) {
		t.Errorf("the store after the failed load: %+v (%v), want %+v", got, err, before)
	}
}
