// Package pgtest gives tests a database of their own on the PostgreSQL
// server that PHARMAGRAPH_TEST_POSTGRES names.
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq" // the driver of the administrative connection
)

var made atomic.Int64

// Database creates an empty database on the server of
// PHARMAGRAPH_TEST_POSTGRES, drops it when the test ends, and returns its
// URL. It skips the test when the variable is unset.
func Database(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("PHARMAGRAPH_TEST_POSTGRES")
	if base == "" {
		tb.Skip("set PHARMAGRAPH_TEST_POSTGRES to a PostgreSQL URL to run against PostgreSQL")
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("pharmagraph_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, made.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
