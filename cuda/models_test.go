//go:build cuda

package cuda

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kinsolve/kinsolve/bench"
	"github.com/kinsolve/kinsolve/driver"
	"github.com/kinsolve/kinsolve/examples"
	"github.com/kinsolve/kinsolve/solver/deck"
)

// runPreset runs a preset through the driver on the named backend and returns the final
// distribution.
func runPreset(t *testing.T, preset, be string, sets ...string) []float64 {
	t.Helper()
	text, err := examples.Read(preset)
	if err != nil {
		t.Fatal(err)
	}
	d, err := deck.Parse(preset, text)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(sets, "backend="+be, "output.figures=false", "output.snapshots=0") {
		if err := d.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	p, err := driver.Prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Run(context.Background(), filepath.Join(t.TempDir(), "run"), driver.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, fd := range p.Sim.Fields() {
		if fd.Name == "f" {
			return append([]float64(nil), fd.Data...)
		}
	}
	t.Fatal("no field f")
	return nil
}

// Whole runs agree between the GPU and the Go backends: the same kernels step after step, so
// the distributions differ by accumulated round-off only. Linear Landau damping (advection
// only) over 200 steps, and Vlasov–Poisson–Landau on sod-plasma (advection and the Landau
// operator on every spatial cell) over 20 steps.
func TestModelsAgreeWithCPU(t *testing.T) {
	testDevice(t)
	cases := []struct {
		preset string
		sets   []string
		tol    float64
	}{
		{"landau-damping", []string{"time.t_end=13"}, 1e-11},
		{"sod-plasma", []string{"model=vpl", "collision.eps=1e-2", "time.t_end=0.4", "time.dt=0.02"}, 1e-11},
	}
	for _, c := range cases {
		t.Run(c.preset, func(t *testing.T) {
			cpu := runPreset(t, c.preset, "cpu", c.sets...)
			gpu := runPreset(t, c.preset, "cuda", c.sets...)
			e := bench.MaxRelDiff(gpu, cpu)
			t.Logf("%s: max|f_cuda − f_cpu| / max|f_cpu| = %.2e after the run", c.preset, e)
			if !(e <= c.tol) {
				t.Errorf("cuda and cpu runs differ by %.3e relative, want <= %.0e", e, c.tol)
			}
		})
	}
}
