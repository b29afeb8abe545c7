package loader

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// startProgress shows on w how the reading of in goes: a bar redrawn in
// place when w is a terminal, a line a second otherwise; each with the
// rows read, the rows a second and, when the file's size is known, the
// share read and the time left. The returned stop ends it with a summary
// line.
func startProgress(w io.Writer, r *reader, in input) (stop func()) {
	tty := isTerminal(w)
	every := time.Second
	if tty {
		every = 200 * time.Millisecond
	}
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				line := progressLine(in, r.lines.Load(), r.bytes.Load(), time.Since(start))
				if tty {
					fmt.Fprintf(w, "\r%-*s", barWidth, line)
				} else {
					fmt.Fprintln(w, line)
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		end := fmt.Sprintf("%s: %d rows (%s) in %v", in.name, r.lines.Load(), in.format.name,
			time.Since(start).Round(time.Millisecond))
		if tty {
			fmt.Fprintf(w, "\r%-*s\n", barWidth, end)
		} else {
			fmt.Fprintln(w, end)
		}
	}
}

// barWidth is the width a progress line is padded to, so that a shorter
// one covers a longer one before it.
const barWidth = 100

// progressLine describes the reading of in: rows lines and n bytes after d.
func progressLine(in input, rows, n int64, d time.Duration) string {
	secs := max(d.Seconds(), 1e-3)
	line := fmt.Sprintf("%s: %d rows, %.0f rows/s", filepath.Base(in.name), rows, float64(rows)/secs)
	if in.size <= 0 || n <= 0 {
		return line
	}
	share := min(float64(n)/float64(in.size), 1)
	const cells = 20
	full := int(share * cells)
	left := time.Duration(secs*(1-share)/share) * time.Second
	return fmt.Sprintf("%s [%s%s] %3.0f%%, %v left", line, strings.Repeat("=", full), strings.Repeat(" ", cells-full),
		share*100, left.Round(time.Second))
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
