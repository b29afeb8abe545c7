package export_test

import (
	"context"
	"io"
	"testing"

	"pharmagraph/export"
)

// BenchmarkExport writes every file of each format for the seed graph,
// throwing the bytes away: the cost of an export without the disk.
func BenchmarkExport(b *testing.B) {
	s := seeded(b)
	ctx := context.Background()
	for _, f := range export.Formats() {
		for _, gz := range []bool{false, true} {
			name := string(f)
			if gz {
				name += "+gzip"
			}
			b.Run(name, func(b *testing.B) {
				o := export.Options{Format: f, Gzip: gz}
				parts, err := o.Parts()
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					var n int64
					for _, p := range parts {
						file, err := export.Write(ctx, s, o, p.Name, io.Discard)
						if err != nil {
							b.Fatal(err)
						}
						n += file.Bytes
					}
					b.SetBytes(n)
				}
			})
		}
	}
}
