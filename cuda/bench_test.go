//go:build cuda

package cuda

import (
	"fmt"
	"testing"

	"github.com/kinsolve/kinsolve/bench"
	"github.com/kinsolve/kinsolve/solver/advect"
	"github.com/kinsolve/kinsolve/solver/backend"
)

// Vendor peak rates of the H200 (SXM) vector units, for the fraction-of-peak metrics.
const (
	peakF64 = 34e12 // flop/s
	peakF32 = 67e12 // flop/s
)

// BenchmarkLandau times the Landau kernels alone (data resident on the device) and reports
// pair interactions per second, flop/s at FlopsPerPair flops per pair, and the fraction of
// the H200 vector peak of the precision.
func BenchmarkLandau(b *testing.B) {
	d := testDevice(b)
	for _, prec := range []Precision{Float64, Float32} {
		for _, sz := range []struct{ n, cells int }{{32, 256}, {64, 128}, {64, 512}, {128, 128}} {
			name := fmt.Sprintf("%s/n=%d/cells=%d", prec, sz.n, sz.cells)
			b.Run(name, func(b *testing.B) {
				spec := backend.LandauSpec{N: sz.n, VMax: 6, Gamma: -3, Lambda: 1}
				l, err := d.NewLandau(spec, prec)
				if err != nil {
					b.Fatal(err)
				}
				defer l.Close()
				f := bench.LandauInput(spec, sz.cells)
				if err := l.Load(f, sz.cells); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for b.Loop() {
					if err := l.Rerun(); err != nil {
						b.Fatal(err)
					}
				}
				sec := b.Elapsed().Seconds() / float64(b.N)
				pairs := Pairs(sz.n, sz.cells)
				peak := peakF64
				if prec == Float32 {
					peak = peakF32
				}
				b.ReportMetric(pairs/sec, "pairs/s")
				b.ReportMetric(pairs*FlopsPerPair/sec/1e12, "TFLOP/s")
				b.ReportMetric(pairs*FlopsPerPair/sec/peak, "of-peak")
			})
		}
	}
}

// BenchmarkLandauEndToEnd times EvalBatch with its host-device copies, 64² × 128 cells.
func BenchmarkLandauEndToEnd(b *testing.B) {
	d := testDevice(b)
	for _, prec := range []Precision{Float64, Float32} {
		b.Run(prec.String(), func(b *testing.B) {
			spec := backend.LandauSpec{N: 64, VMax: 6, Gamma: -3, Lambda: 1}
			const cells = 128
			l, err := d.NewLandau(spec, prec)
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			f := bench.LandauInput(spec, cells)
			q := make([]float64, len(f))
			for b.Loop() {
				if err := l.EvalBatch(q, f, cells); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(Pairs(spec.N, cells)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
}

// BenchmarkAdvection times the x shift of a 1X2V array (the widest lines of a split step) on
// the device, data resident, and reports cell updates per second and the effective memory
// traffic (one read and one write of 8 bytes per update; the p+1 reads of a stencil mostly
// hit the cache).
func BenchmarkAdvection(b *testing.B) {
	d := testDevice(b)
	for _, sz := range []struct{ nx, nv int }{{256, 64}, {512, 128}} {
		b.Run(fmt.Sprintf("nx=%d/nv=%d^2", sz.nx, sz.nv), func(b *testing.B) {
			nv := sz.nv * sz.nv
			src := make([]float64, sz.nx*nv)
			for i := range src {
				src[i] = float64(i%97) / 97
			}
			dst := make([]float64, len(src))
			xs := make([]float64, nv)
			for i := range xs {
				xs[i] = 0.3 + float64(i%sz.nv)*0.01
			}
			a, err := d.NewAdvection(advect.DefaultDegree)
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			ls := advect.Lines{N: sz.nx, Stride: nv, Outer: 1, Inner: nv}
			if err := a.Shift(dst, src, ls, xs, advect.ByInner); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if err := a.Rerun(); err != nil {
					b.Fatal(err)
				}
			}
			ups := float64(a.Updates()) * float64(b.N) / b.Elapsed().Seconds()
			b.ReportMetric(ups, "updates/s")
			b.ReportMetric(ups*16/1e9, "GB/s")
		})
	}
}
