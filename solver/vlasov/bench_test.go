package vlasov

import (
	"fmt"
	"math"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// BenchmarkAdvect measures phase-space cell updates per second of the two split shifts and of
// a whole Strang step (two x shifts with their Poisson solves and one v shift, counted as
// three updates per cell), on a 1X1V and two 1X2V grids.
func BenchmarkAdvect(b *testing.B) {
	sizes := []struct{ vdim, nx, nv int }{{1, 64, 256}, {1, 512, 1024}, {2, 64, 64}, {2, 128, 128}}
	for _, sz := range sizes {
		g, err := grid.New(sz.vdim, sz.nx, sz.nv, 4*math.Pi, 6)
		if err != nil {
			b.Fatal(err)
		}
		m, err := New(g, Config{Init: DefaultInit(), CFL: 2, TEnd: 1e9})
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("%dx%dv/%dx%d", 1, sz.vdim, sz.nx, sz.nv)
		if sz.vdim == 2 {
			name += fmt.Sprintf("x%d", sz.nv)
		}
		cells := float64(g.Len())
		for _, op := range []struct {
			name    string
			updates float64
			run     func()
		}{
			{"x", 1, func() { m.AdvectX(0.1) }},
			{"v", 1, func() { m.AdvectV(0.1) }},
			{"strang", 3, func() { m.Strang(0.1) }},
		} {
			b.Run(name+"/"+op.name, func(b *testing.B) {
				for b.Loop() {
					op.run()
				}
				b.ReportMetric(op.updates*cells*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
			})
		}
	}
}
