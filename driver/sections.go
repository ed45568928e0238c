package driver

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
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

// Validate checks the section; errors name the key.
func (t TimeSection) Validate() error {
	switch {
	case !(t.TEnd > 0) || math.IsInf(t.TEnd, 0):
		return fmt.Errorf("time.t_end = %v out of range: must be finite and > 0", t.TEnd)
	case t.Dt < 0 || math.IsNaN(t.Dt) || math.IsInf(t.Dt, 0):
		return fmt.Errorf("time.dt = %v out of range: must be finite and ≥ 0 (0 for the CFL rule)", t.Dt)
	case t.Dt == 0 && (!(t.CFL > 0) || math.IsInf(t.CFL, 0)):
		return fmt.Errorf("time.cfl = %v out of range: must be finite and > 0", t.CFL)
	}
	return nil
}
