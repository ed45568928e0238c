package bench

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/kinsolve/kinsolve/solver/advect"
	"github.com/kinsolve/kinsolve/solver/backend"
	"github.com/kinsolve/kinsolve/solver/grid"
)

// Reference backends.
const (
	LandauReference    = "cpu-direct"
	AdvectionReference = "cpu"
)

// LandauSize is one Landau case: Cells velocity blocks of N×N nodes.
type LandauSize struct{ N, Cells int }

// AdvectionSize is one advection case: a 1X2V array of Nx spatial cells and Nv×Nv velocities.
type AdvectionSize struct{ Nx, Nv int }

// Config selects what Run measures.
type Config struct {
	// Backends to run; empty means every backend in this build. The references are run
	// whenever a kernel is measured, whether listed or not.
	Backends  []string
	Landau    []LandauSize
	Advection []AdvectionSize
	// Gamma, Lambda and VMax fix the Landau kernel and velocity box.
	Gamma, Lambda, VMax float64
	// MinTime is the least time spent timing one backend on one case; an evaluation slower
	// than MinTime is timed once.
	MinTime time.Duration
	// MaxReps bounds the timed repetitions of one backend on one case.
	MaxReps int
}

// Quick returns the default suite: velocity grids 32², 64² and 128², with batches small
// enough for the Go direct reference on a two-core machine (about 20 seconds in all).
func Quick() Config {
	return Config{
		Landau:    []LandauSize{{32, 64}, {64, 32}, {128, 4}},
		Advection: []AdvectionSize{{64, 32}, {128, 64}},
		Gamma:     -3, Lambda: 1, VMax: 6,
		MinTime: 200 * time.Millisecond, MaxReps: 50,
	}
}

// Full returns the suite at production batch sizes (hundreds of spatial cells). Its Go
// direct reference takes minutes on many cores.
func Full() Config {
	return Config{
		Landau:    []LandauSize{{32, 256}, {64, 128}, {64, 256}, {128, 128}},
		Advection: []AdvectionSize{{128, 64}, {256, 64}, {512, 128}},
		Gamma:     -3, Lambda: 1, VMax: 6,
		MinTime: time.Second, MaxReps: 200,
	}
}

// Validate returns an error naming the first field out of range.
func (c Config) Validate() error {
	for i, s := range c.Landau {
		spec := backend.LandauSpec{N: s.N, VMax: c.VMax, Gamma: c.Gamma, Lambda: c.Lambda}
		if err := spec.Validate(); err != nil {
			return fmt.Errorf("bench: landau size %d: %w", i, err)
		}
		if s.Cells < 1 || s.Cells > 1<<16 {
			return fmt.Errorf("bench: landau size %d: cells = %d out of range: must be 1 to %d",
				i, s.Cells, 1<<16)
		}
	}
	for i, s := range c.Advection {
		if s.Nx < grid.MinCells || s.Nv < grid.MinCells || s.Nx*s.Nv*s.Nv > 1<<28 {
			return fmt.Errorf("bench: advection size %d: nx = %d, nv = %d out of range: each "+
				"at least %d, nx·nv² at most 2^28", i, s.Nx, s.Nv, grid.MinCells)
		}
	}
	switch {
	case c.MinTime < 0 || c.MinTime > time.Hour:
		return fmt.Errorf("bench: min time %v out of range: must be 0 to 1h", c.MinTime)
	case c.MaxReps < 1 || c.MaxReps > 1e6:
		return fmt.Errorf("bench: max reps %d out of range: must be 1 to 1e6", c.MaxReps)
	}
	return nil
}

// Result is one backend on one case.
type Result struct {
	Kernel   string `json:"kernel"` // "landau" or "advection"
	Backend  string `json:"backend"`
	Hardware string `json:"hardware"`
	Case     string `json:"case"` // "n=64 cells=128" or "nx=256 nv=64^2"

	N     int `json:"n,omitempty"`     // Landau velocity nodes per dimension
	Cells int `json:"cells,omitempty"` // Landau velocity blocks
	Nx    int `json:"nx,omitempty"`    // advection spatial cells
	Nv    int `json:"nv,omitempty"`    // advection velocity nodes per dimension

	// Seconds is the mean time of one evaluation, host-device copies included; Reps is the
	// number of timed evaluations it averages.
	Seconds float64 `json:"seconds"`
	Reps    int     `json:"reps"`
	// KernelSeconds is the time of one evaluation on data already in device memory, for
	// backends that can rerun resident data (0 otherwise).
	KernelSeconds float64 `json:"kernel_seconds,omitempty"`
	// Work is the pair interactions (Landau) or value updates (advection) per evaluation;
	// Rate is Work/Seconds.
	Work float64 `json:"work"`
	Rate float64 `json:"rate"`
	// MaxRelErr is max|q − q_ref| / max|q_ref| against the reference backend.
	MaxRelErr float64 `json:"max_rel_err"`
	// Speedup is the reference's Seconds divided by this Seconds.
	Speedup float64 `json:"speedup"`
	// Err is why the backend could not run this case ("" when it ran).
	Err string `json:"error,omitempty"`
}

// Progress receives one line per step of Run; it may be nil.
type Progress func(msg string)

// sameAdvection maps backends whose advection is that of another backend, so that it is
// timed once.
var sameAdvection = map[string]string{"cpu-direct": "cpu", "cuda-f32": "cuda"}

// rerunner is implemented by device evaluators that can repeat the last evaluation on the
// data still in device memory.
type rerunner interface{ Rerun() error }

// Run measures the configured cases on the backends and returns one Result per backend and
// case, references first. A backend that cannot be opened or fails on a case gives a Result
// with Err set; Run's error is for bad configuration, a missing reference and cancellation.
func Run(ctx context.Context, cfg Config, progress Progress) ([]Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(string) {}
	}
	names := cfg.Backends
	if len(names) == 0 {
		names = backend.Names()
	}
	open := map[string]backend.Backend{}
	openErr := map[string]error{}
	get := func(name string) (backend.Backend, error) {
		if b, ok := open[name]; ok {
			return b, nil
		}
		if err, ok := openErr[name]; ok {
			return nil, err
		}
		b, err := backend.Get(name)
		if err != nil {
			openErr[name] = err
			return nil, err
		}
		open[name] = b
		return b, nil
	}
	defer func() {
		for _, b := range open {
			b.Close()
		}
	}()
	var out []Result
	if len(cfg.Landau) > 0 {
		list := withReference(names, LandauReference, nil)
		for _, s := range cfg.Landau {
			rs, err := runLandau(ctx, cfg, s, list, get, progress)
			if err != nil {
				return out, err
			}
			out = append(out, rs...)
		}
	}
	if len(cfg.Advection) > 0 {
		list := withReference(names, AdvectionReference, sameAdvection)
		for _, s := range cfg.Advection {
			rs, err := runAdvection(ctx, cfg, s, list, get, progress)
			if err != nil {
				return out, err
			}
			out = append(out, rs...)
		}
	}
	return out, nil
}

// withReference returns names with ref first and without the backends that skip maps to
// another.
func withReference(names []string, ref string, skip map[string]string) []string {
	out := []string{ref}
	for _, n := range names {
		if n == ref {
			continue
		}
		if _, dup := skip[n]; dup {
			continue
		}
		out = append(out, n)
	}
	return out
}

// timeIt runs fn once untimed (warm-up) and then repeatedly until cfg.MinTime has passed or
// cfg.MaxReps runs are done; when the warm-up alone took longer than MinTime it is the
// measurement. It returns the mean time per call and the number of timed calls.
func timeIt(ctx context.Context, cfg Config, fn func() error) (float64, int, error) {
	t0 := time.Now()
	if err := fn(); err != nil {
		return 0, 0, err
	}
	first := time.Since(t0)
	if first >= cfg.MinTime {
		return first.Seconds(), 1, nil
	}
	var reps int
	t0 = time.Now()
	for reps < cfg.MaxReps && (reps == 0 || time.Since(t0) < cfg.MinTime) {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		if err := fn(); err != nil {
			return 0, 0, err
		}
		reps++
	}
	return time.Since(t0).Seconds() / float64(reps), reps, nil
}

func runLandau(ctx context.Context, cfg Config, s LandauSize, names []string,
	get func(string) (backend.Backend, error), progress Progress) ([]Result, error) {
	spec := backend.LandauSpec{N: s.N, VMax: cfg.VMax, Gamma: cfg.Gamma, Lambda: cfg.Lambda}
	f := LandauInput(spec, s.Cells)
	var ref []float64
	var refSec float64
	var out []Result
	caseName := fmt.Sprintf("n=%d cells=%d", s.N, s.Cells)
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		progress(fmt.Sprintf("landau %s: %s", caseName, name))
		r := Result{Kernel: "landau", Backend: name, Case: caseName, N: s.N, Cells: s.Cells,
			Work: Pairs(s.N, s.Cells)}
		q := make([]float64, len(f))
		err := func() error {
			b, err := get(name)
			if err != nil {
				return err
			}
			r.Hardware = b.Describe()
			l, err := b.NewLandau(spec)
			if err != nil {
				return err
			}
			defer l.Close()
			r.Seconds, r.Reps, err = timeIt(ctx, cfg, func() error { return l.EvalBatch(q, f, s.Cells) })
			if err != nil {
				return err
			}
			if rr, ok := l.(rerunner); ok {
				r.KernelSeconds, _, err = timeIt(ctx, cfg, rr.Rerun)
			}
			return err
		}()
		if err != nil {
			if i == 0 {
				return out, fmt.Errorf("bench: landau reference %s: %w", name, err)
			}
			r.Err = err.Error()
			out = append(out, r)
			continue
		}
		if i == 0 {
			ref, refSec = q, r.Seconds
		}
		r.Rate = r.Work / r.Seconds
		r.MaxRelErr = MaxRelDiff(q, ref)
		r.Speedup = refSec / r.Seconds
		out = append(out, r)
	}
	return out, nil
}

func runAdvection(ctx context.Context, cfg Config, s AdvectionSize, names []string,
	get func(string) (backend.Backend, error), progress Progress) ([]Result, error) {
	nv := s.Nv * s.Nv
	src, xs, err := AdvectionInput(s.Nx, s.Nv)
	if err != nil {
		return nil, fmt.Errorf("bench: advection size: %w", err)
	}
	ls := advect.Lines{N: s.Nx, Stride: nv, Outer: 1, Inner: nv}
	var ref []float64
	var refSec float64
	var out []Result
	caseName := fmt.Sprintf("nx=%d nv=%d^2", s.Nx, s.Nv)
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		progress(fmt.Sprintf("advection %s: %s", caseName, name))
		r := Result{Kernel: "advection", Backend: name, Case: caseName, Nx: s.Nx, Nv: s.Nv,
			Work: float64(len(src))}
		dst := make([]float64, len(src))
		err := func() error {
			b, err := get(name)
			if err != nil {
				return err
			}
			r.Hardware = b.Describe()
			a, err := b.NewAdvection(advect.DefaultDegree)
			if err != nil {
				return err
			}
			defer a.Close()
			r.Seconds, r.Reps, err = timeIt(ctx, cfg, func() error {
				return a.Shift(dst, src, ls, xs, advect.ByInner)
			})
			if err != nil {
				return err
			}
			if rr, ok := a.(rerunner); ok {
				r.KernelSeconds, _, err = timeIt(ctx, cfg, rr.Rerun)
			}
			return err
		}()
		if err != nil {
			if i == 0 {
				return out, fmt.Errorf("bench: advection reference %s: %w", name, err)
			}
			r.Err = err.Error()
			out = append(out, r)
			continue
		}
		if i == 0 {
			ref, refSec = dst, r.Seconds
		}
		r.Rate = r.Work / r.Seconds
		r.MaxRelErr = MaxRelDiff(dst, ref)
		r.Speedup = refSec / r.Seconds
		out = append(out, r)
	}
	return out, nil
}

// Pairs returns the pair interactions of one Landau evaluation: cells·(n−1)⁴.
func Pairs(n, cells int) float64 {
	m := float64(n - 1)
	return float64(cells) * m * m * m * m
}

// MaxRelDiff returns max|got − want| / max|want| (max|got − want| when want is zero).
func MaxRelDiff(got, want []float64) float64 {
	var d, s float64
	for i := range want {
		d = max(d, math.Abs(got[i]-want[i]))
		s = max(s, math.Abs(want[i]))
	}
	if s == 0 {
		return d
	}
	return d / s
}

// LandauInput returns cells velocity blocks on spec's grid, each a drifting, rescaled 2D BKW
// profile (Bobylev; Krook & Wu)
//
//	f(v) = ρ/(2πK) exp(−|w|²/(2K)) [ (2K − 1)/K + (1 − K)/(2K²) |w|² ],  w = v − u,
//
// with K from 1/2 (far from equilibrium) to 1 (a Maxwellian) across the batch, so that every
// block gives a different Q.
func LandauInput(spec backend.LandauSpec, cells int) []float64 {
	n := spec.N
	ax := grid.VelocityAxis(n, spec.VMax)
	f := make([]float64, cells*n*n)
	for k := 0; k < cells; k++ {
		s := float64(k) / float64(max(cells-1, 1))
		K := 0.5 + 0.5*s
		ux, uy := math.Sin(7*s), 0.5*math.Cos(5*s)
		rho := 1 + 0.5*math.Sin(3*s)
		for i1 := 0; i1 < n; i1++ {
			for i2 := 0; i2 < n; i2++ {
				wx, wy := ax.Node(i1)-ux, ax.Node(i2)-uy
				r2 := wx*wx + wy*wy
				f[k*n*n+i1*n+i2] = rho * math.Exp(-r2/(2*K)) / (2 * math.Pi * K) *
					((2*K-1)/K + (1-K)/(2*K*K)*r2)
			}
		}
	}
	return f
}

// AdvectionInput returns a 1X2V array of nx spatial cells and nv² velocities, a perturbed
// Maxwellian (1 + ½cos x)·M(v) on [0, 2π) × [−6, 6]², and the x shifts v_x·Δt/Δx of a step
// with Δt = ½Δx/6 (half a cell at the box edge), one per velocity.
func AdvectionInput(nx, nv int) (f, shift []float64, err error) {
	g, err := grid.New(2, nx, nv, 2*math.Pi, 6)
	if err != nil {
		return nil, nil, err
	}
	nvv := nv * nv
	f = make([]float64, nx*nvv)
	for ix := 0; ix < nx; ix++ {
		x := g.X.Node(ix)
		for i1 := 0; i1 < nv; i1++ {
			for i2 := 0; i2 < nv; i2++ {
				v1, v2 := g.Vx.Node(i1), g.Vy.Node(i2)
				f[ix*nvv+i1*nv+i2] = (1 + 0.5*math.Cos(x)) * math.Exp(-(v1*v1+v2*v2)/2) / (2 * math.Pi)
			}
		}
	}
	shift = make([]float64, nvv)
	dt := 0.5 * g.X.H / 6
	for i1 := 0; i1 < nv; i1++ {
		for i2 := 0; i2 < nv; i2++ {
			shift[i1*nv+i2] = g.Vx.Node(i1) * dt / g.X.H
		}
	}
	return f, shift, nil
}

// Host describes the machine for reports.
func Host() map[string]any {
	return map[string]any{
		"goos": runtime.GOOS, "goarch": runtime.GOARCH, "go": runtime.Version(),
		"gomaxprocs": runtime.GOMAXPROCS(0), "backends": backend.Names(),
	}
}
