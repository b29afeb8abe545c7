package realdata

import (
	"runtime"
	"testing"
)

// recorder is a testing.TB that notes whether it was skipped or failed and,
// like the real one, stops the goroutine that called it.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(string, ...any) {
	r.skipped = true
	runtime.Goexit()
}

func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	runtime.Goexit()
}

// missing calls Path on a data set that does not exist and reports what it
// did to the test.
func missing(t *testing.T) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Path(r, "no such data set")
	}()
	<-done
	return r
}

func TestPathMissing(t *testing.T) {
	for _, tt := range []struct {
		name, ci, required string
		wantFail           bool
	}{
		{name: "fresh clone", wantFail: false},
		{name: "CI=true", ci: "true", wantFail: true},
		{name: "PHARMAGRAPH_TEST_REALDATA=1", required: "1", wantFail: true},
		{name: "CI=false", ci: "false", wantFail: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			t.Setenv("PHARMAGRAPH_TEST_REALDATA", tt.required)
			r := missing(t)
			if r.failed != tt.wantFail || r.skipped == tt.wantFail {
				t.Errorf("Path of a missing data set: failed %v, skipped %v; want failed %v", r.failed, r.skipped, tt.wantFail)
			}
		})
	}
}
