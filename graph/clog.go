package graph

import (
	"fmt"
	"log/slog"

	"github.com/cayleygraph/cayley/clog"
)

// Cayley logs the errors it also returns (and logs "cannot create table"
// every time a PostgreSQL store that exists is opened). Graph returns every
// error to its caller, so Cayley's own messages go to slog at debug level
// instead of standard error, and each error is reported once.
func init() { clog.SetLogger(cayleyLog{}) }

type cayleyLog struct{}

func (cayleyLog) Infof(format string, args ...any) {
	slog.Debug("cayley: " + fmt.Sprintf(format, args...))
}
func (cayleyLog) Warningf(format string, args ...any) {
	slog.Debug("cayley: " + fmt.Sprintf(format, args...))
}
func (cayleyLog) Errorf(format string, args ...any) {
	slog.Debug("cayley: " + fmt.Sprintf(format, args...))
}
func (cayleyLog) Fatalf(format string, args ...any) { panic("cayley: " + fmt.Sprintf(format, args...)) }
func (cayleyLog) V(int) bool                        { return false }
func (cayleyLog) SetV(int)                          {}
