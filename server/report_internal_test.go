package server

import (
	"encoding/json"
	"testing"
)

// TestCostReportJSON checks that a cost report writes the bytes
// encoding/json gives it, with and without a budget's throttle status.
func TestCostReportJSON(t *testing.T) {
	for _, r := range []costReport{
		{},
		{Aliases: 2, Depth: 7, Fields: 1234, RequestedQueryCost: 1234,
			Limits: costLimits{MaxAliases: 30, MaxDepth: 12, MaxFields: 20000, QueryTimeoutMs: 10000}},
		{Aliases: -1, Depth: 1 << 40, Limits: costLimits{QueryTimeoutMs: -5}},
		{Fields: 3, ThrottleStatus: &throttle{MaximumAvailable: 10000, CurrentlyAvailable: 9997, RestoreRate: 500.5}},
	} {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.appendJSON([]byte("x")); string(got) != "x"+string(want) {
			t.Errorf("appendJSON:\n got %s\nwant x%s", got, want)
		}
	}
}
