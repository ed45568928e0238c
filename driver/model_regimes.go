package driver

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/problem"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// RegimeDeck is the deck shared by the collisional kinetic models and their fluid limit
// (model = "vpl", "vpfp" or "ep"), so that one deck runs with any of them: each model reads the
// keys it needs and accepts the others (collision.eps is VPL's, collision.nu VPFP's; the fluid
// reads neither).
type RegimeDeck struct {
	Header
	Grid      GridSection      `toml:"grid"`
	Init      RegimeInit       `toml:"init"`
	Collision CollisionSection `toml:"collision"`
	Time      TimeSection      `toml:"time"`
	Output    OutputSection    `toml:"output"`
	Numerics  struct {
		// Degree is the odd Lagrange interpolation degree of the kinetic shifts, 1 to 9.
		Degree int `toml:"degree"`
		// Limiter is the fluid's slope limiter, "mc" or "minmod".
		Limiter string `toml:"limiter"`
	} `toml:"numerics"`
}

// RegimeInit is the [init] table: the local-Maxwellian initial data of package problem.
type RegimeInit struct {
	// Problem is "collisional-landau" or "sod-plasma".
	Problem string  `toml:"problem"`
	K       float64 `toml:"k"`     // collisional-landau: wavenumber
	Alpha   float64 `toml:"alpha"` // collisional-landau: relative density perturbation
	RhoHigh float64 `toml:"rho_high"`
	THigh   float64 `toml:"t_high"`
	RhoLow  float64 `toml:"rho_low"`
	TLow    float64 `toml:"t_low"`
	Width   float64 `toml:"width"`
}

// CollisionSection is the [collision] table.
type CollisionSection struct {
	// Eps is VPL's Knudsen number ε > 0 (collision term (1/ε)Q_L).
	Eps float64 `toml:"eps"`
	// Nu is VPFP's collision frequency ν ≥ 0.
	Nu float64 `toml:"nu"`
	// Scheme is VPL's collision time integration, "imex", "imex2" or "explicit".
	Scheme string `toml:"scheme"`
	// Gamma and Lambda are the Landau kernel's exponent and strength.
	Gamma  float64 `toml:"gamma"`
	Lambda float64 `toml:"lambda"`
	// Form is the Landau flux form, "plain" or "entropic".
	Form string `toml:"form"`
	// Beta is VPL's IMEX penalty strength; 0 estimates it.
	Beta float64 `toml:"beta"`
}

func defaultRegimeDeck(cfl float64) RegimeDeck {
	s := problem.DefaultSod()
	r := RegimeDeck{
		Grid: GridSection{VDim: 2, Nx: 32, Nv: 16, Vmax: 6},
		Init: RegimeInit{Problem: "collisional-landau", K: 0.5, Alpha: 0.01,
			RhoHigh: s.RhoHigh, THigh: s.THigh, RhoLow: s.RhoLow, TLow: s.TLow, Width: s.Width},
		Collision: CollisionSection{Eps: 1, Nu: 0.1, Scheme: "imex", Gamma: -3, Lambda: 1,
			Form: "plain"},
		Time:   TimeSection{TEnd: 10, CFL: cfl},
		Output: DefaultOutput(),
	}
	r.Numerics.Degree = 5
	r.Numerics.Limiter = "mc"
	return r
}

// prepare validates the shared sections and returns the problem, the grid and the sampled
// initial distribution. model names the model in errors.
//
// bytesPerCell is the model's memory per phase-space cell at its peak: the grid is refused
// before f is sampled if the run would not fit.
func (r *RegimeDeck) prepare(model string, bytesPerCell int) (problem.Problem, *grid.Grid, []float64, error) {
	var none problem.Problem
	if err := r.Time.Validate(); err != nil {
		return none, nil, nil, err
	}
	if err := r.Output.Validate(); err != nil {
		return none, nil, nil, err
	}
	if d := r.Numerics.Degree; d < 1 || d > 9 || d%2 == 0 {
		return none, nil, nil, errorf("numerics.degree = %d out of range: allowed 1, 3, 5, 7, 9", d)
	}
	var p problem.Problem
	var err error
	switch r.Init.Problem {
	case "collisional-landau":
		if p, err = problem.CollisionalLandau(r.Init.K, r.Init.Alpha); err != nil {
			return none, nil, nil, err
		}
		if r.Grid.L != 0 && math.Abs(r.Grid.L-p.L) > 1e-12*p.L {
			return none, nil, nil, errorf("grid.length = %v out of range for init.problem = "+
				"\"collisional-landau\": must be 0 or 2π/k = %v", r.Grid.L, p.L)
		}
	case "sod-plasma":
		l := r.Grid.L
		if l == 0 {
			l = problem.DefaultSod().L
		}
		p, err = problem.SodPlasma(problem.Sod{L: l, RhoHigh: r.Init.RhoHigh, THigh: r.Init.THigh,
			RhoLow: r.Init.RhoLow, TLow: r.Init.TLow, Width: r.Init.Width})
		if err != nil {
			return none, nil, nil, err
		}
	default:
		return none, nil, nil, errorf("init.problem = %q out of range for model %s: allowed "+
			"\"collisional-landau\", \"sod-plasma\"", r.Init.Problem, model)
	}
	g, err := r.Grid.Grid(p.L)
	if err != nil {
		return none, nil, nil, err
	}
	if err := grid.CheckMemory(g, bytesPerCell); err != nil {
		return none, nil, nil, err
	}
	f, err := p.Sample(g)
	if err != nil {
		return none, nil, nil, fmt.Errorf("grid.vmax: %w", err)
	}
	return p, g, f, nil
}

// regimeSim adapts a sim.MomentModel to the driver: Step never passes t_end, and Measure
// reports the conservation of the run and, for collisional-landau, the damping fit with the
// linear theory the model has. dt is the model's fixed step (0 for an adaptive one).
type regimeSim struct {
	sim.MomentModel
	tEnd   float64
	dt     float64
	landau bool
	// omegaOnly reports the fitted frequency but no damping rate: for the fluid, whose
	// Langmuir wave is undamped and whose field energy also carries a static part from
	// isothermal initial data, so that its maxima beat and a rate fitted through them is
	// an artefact.
	omegaOnly bool
	theory    func() (gamma, omega float64, ok bool)
	details   map[string]any
}

func (s *regimeSim) Step() (float64, error) { return s.StepUntil(s.tEnd) }

// fixedStep is a regimeSim whose model has a fixed time step (VPL, VPFP); it implements
// sim.StepSizer. The Euler–Poisson step adapts to the flow and has none.
type fixedStep struct{ *regimeSim }

// StepSize returns the model's time step.
func (s fixedStep) StepSize() float64 { return s.dt }

// Measure reports, under the names every model of kinsolve uses:
//
//	mass_drift, total_energy_drift   max |q(t) − q(0)|/|q(0)| over the run
//	momentum_drift                   max |P(t) − P(0)| (absolute: P(0) is zero)
//	gamma, omega                     the damping fit of the field energy (collisional-landau)
//	gamma_theory, omega_theory       the linear theory the model has, where it has one
//	gamma_rel_error, omega_rel_error (measured − theory)/|theory|, where theory ≠ 0
//	fit_error                        why the fit failed, when it did
func (s *regimeSim) Measure(h *sim.History) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range s.details {
		out[k] = v
	}
	for _, c := range []struct {
		col      string
		absolute bool
	}{{"mass", false}, {"momentum", true}, {"total_energy", false}} {
		if d, ok := h.Drift(c.col, c.absolute); ok {
			out[c.col+"_drift"] = d
		}
	}
	if !s.landau {
		return out, nil
	}
	gTh, oTh, hasTheory := 0.0, 0.0, false
	if s.theory != nil {
		if gTh, oTh, hasTheory = s.theory(); hasTheory {
			out["gamma_theory"], out["omega_theory"] = gTh, oTh
		}
	}
	t := h.Column("t")
	if len(t) == 0 {
		return out, nil
	}
	fit, err := vlasov.DampingRate(t, h.Column("field_energy"), t[0], t[len(t)-1])
	if err != nil {
		out["fit_error"] = "damping fit of field_energy: " + err.Error()
		return out, nil
	}
	out["omega"] = fit.Omega
	out["fit_t_min"], out["fit_t_max"] = fit.TMin, fit.TMax
	if s.omegaOnly {
		delete(out, "gamma_theory")
		out["fit_note"] = "no damping rate: the fluid's Langmuir wave is undamped (its field " +
			"energy beats with a static part, so a rate through its maxima would be an artefact)"
	} else {
		out["gamma"], out["fit_log_w0"] = fit.Gamma, fit.LogW0
	}
	if hasTheory {
		if gTh != 0 && !s.omegaOnly {
			out["gamma_rel_error"] = (fit.Gamma - gTh) / math.Abs(gTh)
		}
		if oTh != 0 {
			out["omega_rel_error"] = (fit.Omega - oTh) / math.Abs(oTh)
		}
	}
	return out, nil
}
