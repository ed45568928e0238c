package driver

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// Header is the top of every deck: the model to run and a title and description for
// listings.
type Header struct {
	Model string `toml:"model"`
	// Backend is the compute backend: "cpu" (default), "cpu-direct", or in the cuda build
	// "cuda" and "cuda-f32".
	Backend     string `toml:"backend"`
	Title       string `toml:"title"`
	Description string `toml:"description"`
}

// GridSection is the [grid] table: the phase-space grid of grid.New.
type GridSection struct {
	VDim int     `toml:"vdim"`   // velocity dimensions, 1 or 2
	Nx   int     `toml:"nx"`     // cells in x
	Nv   int     `toml:"nv"`     // cells per velocity dimension
	Vmax float64 `toml:"vmax"`   // velocity box [−vmax, vmax]^vdim, thermal speeds
	L    float64 `toml:"length"` // period in x, Debye lengths; 0: the model's default
}

// Grid validates the section and returns the grid; a zero length is replaced by defLength.
// Errors name the key under [grid] and the allowed range.
func (s *GridSection) Grid(defLength float64) (*grid.Grid, error) {
	if s.L == 0 {
		s.L = defLength
	}
	switch {
	case s.VDim != 1 && s.VDim != 2:
		return nil, fmt.Errorf("grid.vdim = %d out of range: allowed 1 or 2", s.VDim)
	case s.Nx < grid.MinCells:
		return nil, fmt.Errorf("grid.nx = %d out of range: must be an integer ≥ %d", s.Nx, grid.MinCells)
	case s.Nv < grid.MinCells:
		return nil, fmt.Errorf("grid.nv = %d out of range: must be an integer ≥ %d", s.Nv, grid.MinCells)
	case !(s.Vmax > 0 && s.Vmax <= grid.MaxVelocity):
		return nil, fmt.Errorf("grid.vmax = %v out of range: must be in (0, %g]", s.Vmax,
			grid.MaxVelocity)
	case !(s.L > 0 && s.L <= grid.MaxLength):
		return nil, fmt.Errorf("grid.length = %v out of range: must be in (0, %g] "+
			"(or 0 for the default)", s.L, grid.MaxLength)
	}
	g, err := grid.New(s.VDim, s.Nx, s.Nv, s.L, s.Vmax)
	if err != nil {
		return nil, fmt.Errorf("grid.nx, grid.nv: %w", err)
	}
	return g, nil
}

// Limits of the [time] table that keep a run finite. A run may be long (Ctrl-C stops it and
// keeps what it has), but not endless:
//
//   - MaxTEnd bounds t_end: 10⁶ in the model's time unit (1/ω_p, or the collision time of
//     the homogeneous Landau model), about 10⁵ plasma periods, far beyond any damping,
//     growth or relaxation the models resolve.
//   - MaxSteps bounds the number of steps t_end/dt: 10⁸. It is checked at set-up against a
//     fixed time.dt and, for a model whose step is known once it is built (a
//     StepSize() float64 method, as the collisionless Vlasov model has), against that
//     step. Models whose step adapts as the run goes are bounded by MaxTEnd alone.
const (
	MaxTEnd  = 1e6
	MaxSteps = 1e8
)

// TimeSection is the [time] table.
type TimeSection struct {
	TEnd float64 `toml:"t_end"` // final time, 1/ω_p
	Dt   float64 `toml:"dt"`    // fixed time step; 0 selects the model's CFL rule
	CFL  float64 `toml:"cfl"`   // CFL number of that rule
}

// OutputSection is the [output] table.
type OutputSection struct {
	// DiagEvery records diagnostics every this many steps (and always at the first and last).
	DiagEvery int `toml:"diag_every"`
	// Snapshots is the number of snapshots of the fields, equally spaced in time from 0 to
	// t_end inclusive (each taken at the first step at or after its time); 0 saves none.
	Snapshots int `toml:"snapshots"`
	// Figures writes the PNG figures when true.
	Figures bool `toml:"figures"`
}

// DefaultOutput returns diagnostics every step, five snapshots and figures.
func DefaultOutput() OutputSection { return OutputSection{DiagEvery: 1, Snapshots: 5, Figures: true} }

// Validate checks the section; errors name the key.
func (o OutputSection) Validate() error {
	switch {
	case o.DiagEvery < 1:
		return fmt.Errorf("output.diag_every = %d out of range: must be an integer ≥ 1", o.DiagEvery)
	case o.Snapshots < 0 || o.Snapshots > 10000:
		return fmt.Errorf("output.snapshots = %d out of range: must be an integer in [0, 10000]", o.Snapshots)
	}
	return nil
}

// Validate checks the section against MaxTEnd and, for a fixed dt, MaxSteps; errors name the
// key.
func (t TimeSection) Validate() error {
	switch {
	case !(t.TEnd > 0 && t.TEnd <= MaxTEnd):
		return fmt.Errorf("time.t_end = %v out of range: must be in (0, %g]", t.TEnd, MaxTEnd)
	case t.Dt < 0 || math.IsNaN(t.Dt) || math.IsInf(t.Dt, 0):
		return fmt.Errorf("time.dt = %v out of range: must be finite and ≥ 0 (0 for the CFL rule)", t.Dt)
	case t.Dt == 0 && (!(t.CFL > 0) || math.IsInf(t.CFL, 0)):
		return fmt.Errorf("time.cfl = %v out of range: must be finite and > 0", t.CFL)
	case t.Dt > 0 && t.TEnd/t.Dt > MaxSteps:
		return fmt.Errorf("time.dt = %v out of range for time.t_end = %v: t_end/dt = %.3g steps, "+
			"more than %g: allowed time.dt ≥ %.3g (or 0 for the CFL rule)", t.Dt, t.TEnd,
			t.TEnd/t.Dt, float64(MaxSteps), t.TEnd/MaxSteps)
	}
	return nil
}

// checkSteps refuses a run of s to tEnd that would take more than MaxSteps steps of the
// model's own fixed step, when s reports one; errors name time.t_end and the setting that
// fixes the step.
func (t TimeSection) checkSteps(s any) error {
	ss, ok := s.(sim.StepSizer)
	if !ok {
		return nil
	}
	dt := ss.StepSize()
	if !(dt > 0) || t.TEnd/dt <= MaxSteps {
		return nil
	}
	rule := "time.dt"
	if t.Dt == 0 {
		rule = "the CFL rule (time.cfl)"
	}
	return fmt.Errorf("time.t_end = %v out of range: with the step %.3g of %s the run would "+
		"take %.3g steps, more than %g: allowed time.t_end ≤ %.3g, or a larger step", t.TEnd,
		dt, rule, t.TEnd/dt, float64(MaxSteps), dt*MaxSteps)
}
