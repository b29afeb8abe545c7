package graph_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

// TestPostgresStandby runs a primary and a hot standby of its own (initdb,
// then pg_basebackup with streaming replication, each on a free port) and
// checks that a store on the standby reads what loads into the primary
// write, follows them, and refuses writes.
func TestPostgresStandby(t *testing.T) {
	if os.Getenv("PHARMAGRAPH_TEST_POSTGRES") == "" {
		t.Skip("set PHARMAGRAPH_TEST_POSTGRES to run against PostgreSQL (this test starts clusters of its own)")
	}
	if testing.Short() {
		t.Skip("starts two PostgreSQL clusters; skipped with -short")
	}
	bin := postgresBin(t)
	ctx := context.Background()
	primary := startCluster(t, bin, "primary", func(dir string, port int) {
		if out, err := asPostgres(filepath.Join(bin, "initdb"), "-D", dir, "-A", "trust", "-U", "postgres", "--no-sync").CombinedOutput(); err != nil {
			t.Fatalf("initdb: %v\n%s", err, out)
		}
		appendFile(t, filepath.Join(dir, "pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n")
	})
	primaryURL := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", primary)
	writer := open(t, "postgres", primaryURL)
	if _, err := loader.LoadFS(ctx, writer, seeds.FS()); err != nil {
		t.Fatal(err)
	}
	standby := startCluster(t, bin, "standby", func(dir string, port int) {
		// -R makes the copy a standby of the primary it came from.
		out, err := asPostgres(filepath.Join(bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", strconv.Itoa(primary),
			"-U", "postgres", "-D", dir, "-R", "-X", "stream", "--no-sync").CombinedOutput()
		if err != nil {
			t.Fatalf("pg_basebackup: %v\n%s", err, out)
		}
	})
	reader := open(t, "postgres", fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", standby))
	want, _ := writer.Stats(ctx)
	if got, _ := reader.Stats(ctx); !equalJSON(t, want, got) {
		t.Fatalf("the standby's store: %+v, the primary's %+v", got, want)
	}

	// A load into the primary reaches the standby by replication, and the
	// store on it follows.
	if _, err := loader.Load(ctx, writer, loader.Options{Format: "hetionet"}, "../loader/testdata/hetionet"); err != nil {
		t.Fatal(err)
	}
	want, _ = writer.Stats(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, _ := reader.Stats(ctx)
		if equalJSON(t, want, got) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after a load into the primary, the standby's store has %d edges, want %d", got.Edges, want.Edges)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := reader.Following(); err != nil {
		t.Errorf("the standby's store: %v", err)
	}
	// Every command loads the seeds it lacks: nothing, on a standby.
	if _, err := loader.LoadFS(ctx, reader, seeds.FS()); err != nil {
		t.Errorf("a load of nothing new into the standby: %v", err)
	}
	if _, err := loader.Load(ctx, reader, loader.Options{Format: "sider"}, "../loader/testdata/sider"); !errors.Is(err, graph.ErrReadOnly) {
		t.Errorf("a load into the standby: %v, want ErrReadOnly", err)
	}
}

// postgresBin returns the folder of the PostgreSQL server's programs.
func postgresBin(t *testing.T) string {
	t.Helper()
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); fileExists(filepath.Join(dir, "initdb")) {
			return dir
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if fileExists(filepath.Join(dirs[i], "initdb")) {
			return dirs[i]
		}
	}
	t.Fatal("no PostgreSQL server programs (initdb, pg_basebackup, pg_ctl) found: install postgresql")
	return ""
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// asPostgres runs a PostgreSQL program as the postgres user when the test
// runs as root, which the server programs refuse.
func asPostgres(name string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
	}
	return exec.Command(name, args...)
}

// startCluster makes a cluster's folder, has fill put a cluster in it,
// starts it on a free port on loopback until the test ends, and returns the
// port.
func startCluster(t *testing.T, bin, name string, fill func(dir string, port int)) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dir, err := os.MkdirTemp("", "pharmagraph-"+name+"-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatal(err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	fill(dir, port)
	appendFile(t, filepath.Join(dir, "postgresql.conf"), fmt.Sprintf(
		"port = %d\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nfsync = off\n", port, dir))
	ctl := filepath.Join(bin, "pg_ctl")
	if out, err := asPostgres(ctl, "-D", dir, "-l", filepath.Join(dir, "log"), "-w", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		t.Fatalf("start the %s: %v\n%s\n%s", name, err, out, log)
	}
	t.Cleanup(func() { asPostgres(ctl, "-D", dir, "-m", "immediate", "-w", "stop").Run() })
	return port
}
