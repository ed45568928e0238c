package landau

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// Preset names accepted by Config.Preset.
const (
	PresetBKW          = "bkw"
	PresetAnisotropic  = "anisotropic"
	PresetCoulombBumps = "coulomb-bumps"
)

// Presets lists the homogeneous presets.
var Presets = []string{PresetBKW, PresetAnisotropic, PresetCoulombBumps}

// Config holds the parameters of a spatially homogeneous Landau run. Start
// from DefaultConfig and change fields; Validate checks them.
type Config struct {
	// Preset is one of Presets:
	//   bkw: the exact BKW solution (γ = 0, Λ = 1/16 required), from time T0;
	//   anisotropic: a unit-density Maxwellian with temperatures Tx ≠ Ty;
	//   coulomb-bumps: two Maxwellians of density ½ and temperature Temp
	//   centred at (±Shift, 0), usually with γ = −3.
	Preset string
	// N is the number of velocity nodes per dimension, in [MinNodes, MaxNodes].
	N int
	// VMax is the half-width V of the velocity box [−V, V]², in (0, MaxVMax]; the box
	// must contain the initial density (MinVelocityBox) and its cells of width 2V/N must
	// resolve the narrowest thermal speed (MinNodesFor).
	VMax float64
	// Gamma and Lambda are the kernel parameters (see Params).
	Gamma, Lambda float64
	// Form is the flux form, Plain or Entropic.
	Form Form
	// CFL is the step safety factor, in (0, MaxCFL].
	CFL float64
	// T0 is the start time of bkw, >= 0 (f is negative for t < 0).
	T0 float64
	// Tx and Ty are the initial temperatures of anisotropic, in [MinTemperature,
	// MaxTemperature].
	Tx, Ty float64
	// Shift, in [0, MaxShift], and Temp, in [MinTemperature, MaxTemperature], place and
	// size the two coulomb-bumps.
	Shift, Temp float64
}

// Bounds of the preset parameters, in the units of the model: velocities in units of the
// reference thermal speed, temperatures in units of its square. They are generous (a
// temperature ratio of 10⁸ between the extremes) and keep every initial density, its
// moments and the collision frequency finite in float64; the box and resolution checks
// (MinVelocityBox, MinNodesFor) then tie VMax and N to the values chosen.
const (
	MinTemperature = 1e-4
	MaxTemperature = 1e4
	MaxShift       = 1e3
	MaxVMax        = 1e4
)

// DefaultConfig returns the default parameters of a preset.
func DefaultConfig(preset string) (Config, error) {
	c := Config{Preset: preset, N: 64, VMax: 8, Form: Plain, CFL: DefaultCFL}
	switch preset {
	case PresetBKW:
		c.Gamma, c.Lambda = 0, BKWLambda
	case PresetAnisotropic:
		c.Gamma, c.Lambda, c.Tx, c.Ty = 0, BKWLambda, 1.5, 0.5
	case PresetCoulombBumps:
		c.VMax, c.Gamma, c.Lambda, c.Shift, c.Temp = 6, -3, 0.1, 1.5, 0.5
	default:
		return Config{}, fmt.Errorf("landau: preset %q out of range: must be one of %q", preset, Presets)
	}
	return c, nil
}

// Validate returns an error naming the first field out of range, or nil.
func (c Config) Validate() error {
	fin := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	if err := (Params{c.Gamma, c.Lambda}).Validate(); err != nil {
		return err
	}
	switch {
	case c.N < MinNodes || c.N > MaxNodes:
		return fmt.Errorf("landau: n = %d out of range: must be in [%d, %d]", c.N, MinNodes, MaxNodes)
	case !(c.VMax > 0 && c.VMax <= MaxVMax):
		return fmt.Errorf("landau: vmax = %v out of range: must be in (0, %g]", c.VMax, MaxVMax)
	case c.Form != Plain && c.Form != Entropic:
		return fmt.Errorf("landau: form = %d out of range: must be Plain or Entropic", int(c.Form))
	case !(c.CFL > 0 && c.CFL <= MaxCFL):
		return fmt.Errorf("landau: cfl = %v out of range: must be in (0, %v]", c.CFL, MaxCFL)
	}
	switch c.Preset {
	case PresetBKW:
		switch {
		case c.Gamma != 0 || c.Lambda != BKWLambda:
			return fmt.Errorf("landau: bkw needs gamma = 0 and lambda = 1/16 (got %v, %v): "+
				"the exact solution holds only there", c.Gamma, c.Lambda)
		case !(c.T0 >= 0) || !fin(c.T0):
			return fmt.Errorf("landau: t0 = %v out of range: must be finite and >= 0 "+
				"(the BKW density is negative for t < 0)", c.T0)
		}
	case PresetAnisotropic:
		if err := checkTemperature("tx", c.Tx); err != nil {
			return err
		}
		if err := checkTemperature("ty", c.Ty); err != nil {
			return err
		}
	case PresetCoulombBumps:
		if !(c.Shift >= 0 && c.Shift <= MaxShift) {
			return fmt.Errorf("landau: shift = %v out of range: must be in [0, %g]", c.Shift,
				MaxShift)
		}
		if err := checkTemperature("temp", c.Temp); err != nil {
			return err
		}
	default:
		return fmt.Errorf("landau: preset %q out of range: must be one of %q", c.Preset, Presets)
	}
	if least := c.MinVelocityBox(); c.VMax < least {
		return fmt.Errorf("landau: vmax = %v out of range: the box cuts the initial density "+
			"(f at the box edge above %g of its peak): allowed vmax ≥ %.3g", c.VMax,
			grid.EdgeTolerance, least)
	}
	if least := c.MinNodesFor(); c.N < least {
		h := 2 * c.VMax / float64(c.N)
		if least > MaxNodes {
			return fmt.Errorf("landau: n = %d out of range: the velocity cell 2·vmax/n = %.3g "+
				"must not exceed the narrowest thermal speed %.3g, which needs n ≥ %d, above "+
				"the largest n = %d: reduce vmax or widen the density", c.N, h,
				c.thermalSpeed(), least, MaxNodes)
		}
		return fmt.Errorf("landau: n = %d out of range: the velocity cell 2·vmax/n = %.3g "+
			"must not exceed the narrowest thermal speed %.3g: allowed n in [%d, %d]", c.N, h,
			c.thermalSpeed(), least, MaxNodes)
	}
	return nil
}

func checkTemperature(name string, t float64) error {
	if !(t >= MinTemperature && t <= MaxTemperature) {
		return fmt.Errorf("landau: %s = %v out of range: must be in [%g, %g]", name, t,
			MinTemperature, MaxTemperature)
	}
	return nil
}

// Initial returns the initial density f₀(vx, vy) of the preset:
//
//	bkw:           BKW(T0, vx, vy)
//	anisotropic:   M(vx, vy; 1, Tx, Ty)
//	coulomb-bumps: ½ M(vx + Shift, vy; Temp) + ½ M(vx − Shift, vy; Temp),
//
// with M(v; ρ, Tx, Ty) = ρ exp(−vx²/(2Tx) − vy²/(2Ty)) / (2π √(Tx Ty)).
func (c Config) Initial(vx, vy float64) float64 {
	maxw := func(rho, ux, tx, ty float64) float64 {
		dx := vx - ux
		return rho / (2 * math.Pi * math.Sqrt(tx*ty)) * math.Exp(-dx*dx/(2*tx)-vy*vy/(2*ty))
	}
	switch c.Preset {
	case PresetBKW:
		return BKW(c.T0, vx, vy)
	case PresetAnisotropic:
		return maxw(1, 0, c.Tx, c.Ty)
	case PresetCoulombBumps:
		return maxw(0.5, -c.Shift, c.Temp, c.Temp) + maxw(0.5, c.Shift, c.Temp, c.Temp)
	}
	return math.NaN()
}

// thermalSpeed returns the narrowest thermal speed of the initial density: √min(Tx, Ty),
// √Temp, or √K(T0) for bkw (its Maxwellian factor has variance K).
func (c Config) thermalSpeed() float64 {
	switch c.Preset {
	case PresetAnisotropic:
		return math.Sqrt(math.Min(c.Tx, c.Ty))
	case PresetCoulombBumps:
		return math.Sqrt(c.Temp)
	}
	return math.Sqrt(BKWK(c.T0))
}

// MinNodesFor returns the least N whose cell width 2·VMax/N does not exceed the narrowest
// thermal speed of the initial density, so that its peaks are sampled by a few nodes.
func (c Config) MinNodesFor() int {
	need := math.Ceil(2*c.VMax/c.thermalSpeed() - 1e-9)
	if need > math.MaxInt32 {
		return math.MaxInt32
	}
	return max(int(need), MinNodes)
}

// MinVelocityBox returns the least half-width V such that the initial density on the edge of
// every box [−V', V']², V' ≥ V, is at most grid.EdgeTolerance times its peak, rounded up to
// three significant digits. The presets are even in vy and fall off in |vy| away from their
// centres, so the largest edge value lies at vy = 0 on the edges vx = ±V' and at vx ∈ {0,
// ±Shift} on the edges vy = ±V'; the peak lies on the vx axis. Both are sampled at a
// twentieth of the narrowest thermal speed.
func (c Config) MinVelocityBox() float64 {
	var s, tmax float64
	switch c.Preset {
	case PresetAnisotropic:
		tmax = math.Max(c.Tx, c.Ty)
	case PresetCoulombBumps:
		s, tmax = c.Shift, c.Temp
	default:
		tmax = 1 // BKW: K(t) < 1
	}
	reach := s + 12*math.Sqrt(tmax)
	dv := c.thermalSpeed() / 20
	var peak float64
	for v := -reach; v <= reach; v += dv {
		peak = math.Max(peak, c.Initial(v, 0))
	}
	edge := func(v float64) float64 {
		e := math.Max(c.Initial(v, 0), c.Initial(-v, 0))
		for _, x := range []float64{0, s, -s} {
			e = math.Max(e, math.Max(c.Initial(x, v), c.Initial(x, -v)))
		}
		return e
	}
	least := 0.0
	for v := reach; v >= 0; v -= dv {
		if edge(v) > grid.EdgeTolerance*peak {
			least = v + dv
			break
		}
	}
	if least == 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(least))-2)
	return math.Ceil(least/p-1e-9) * p
}

// Homogeneous is a spatially homogeneous Landau run of one preset: it steps
// ∂t f = Q_L[f] with an Integrator and reports diagnostics.
type Homogeneous struct {
	cfg   Config
	op    *Operator
	in    *Integrator
	exact []float64 // bkw: exact solution at the current time
}

// NewHomogeneous validates c, builds the operator and the initial density
// of the preset, checks it (CheckDensity) and returns the run at its start
// time.
func NewHomogeneous(c Config) (*Homogeneous, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	op, err := New(c.N, c.VMax, Params{c.Gamma, c.Lambda}, c.Form)
	if err != nil {
		return nil, err
	}
	n := c.N
	f := make([]float64, n*n)
	for i1 := 0; i1 < n; i1++ {
		for i2 := 0; i2 < n; i2++ {
			f[i1*n+i2] = c.Initial(op.Node(i1), op.Node(i2))
		}
	}
	in, err := NewIntegrator(op, f, c.T0, c.CFL)
	if err != nil {
		return nil, err
	}
	h := &Homogeneous{cfg: c, op: op, in: in}
	if c.Preset == PresetBKW {
		h.exact = make([]float64, n*n)
	}
	return h, nil
}

// Config returns the configuration of the run.
func (h *Homogeneous) Config() Config { return h.cfg }

// Operator returns the collision operator of the run.
func (h *Homogeneous) Operator() *Operator { return h.op }

// Time returns the current time.
func (h *Homogeneous) Time() float64 { return h.in.T }

// Step advances one step of the stable size and returns it; see
// Integrator.Step for the errors.
func (h *Homogeneous) Step() (float64, error) { return h.in.Step(0) }

// StepTo advances one step, shortened if needed so as not to pass tEnd.
func (h *Homogeneous) StepTo(tEnd float64) (float64, error) {
	dt, err := h.in.Step(tEnd - h.in.T)
	if err == nil && h.in.T > tEnd-1e-14*math.Max(1, math.Abs(tEnd)) {
		h.in.T = tEnd
	}
	return dt, err
}

// Columns returns the names of the values Diagnose returns:
//
//	t, mass, px, py, energy, txx, txy, tyy, entropy, min_f      (all presets)
//	err_l1, err_l2, err_linf, m4, m4_exact                   (bkw)
//	aniso, aniso_exact                                       (anisotropic)
//
// See Moments for the definitions. err_* are relative errors against the
// exact BKW density at the nodes: Σ|f − fₑ|/Σ|fₑ|, (Σ(f − fₑ)²/Σfₑ²)^½ and
// max|f − fₑ|/max|fₑ|; m4 is E|v|⁴ and m4_exact = 8K(2 − K). aniso is
// Txx − Tyy; aniso_exact is (Tx − Ty) exp(−8Λρt), the exact decay for
// Maxwell molecules (NaN when γ ≠ 0).
func (h *Homogeneous) Columns() []string {
	c := []string{"t", "mass", "px", "py", "energy", "txx", "txy", "tyy", "entropy", "min_f"}
	switch h.cfg.Preset {
	case PresetBKW:
		c = append(c, "err_l1", "err_l2", "err_linf", "m4", "m4_exact")
	case PresetAnisotropic:
		c = append(c, "aniso", "aniso_exact")
	}
	return c
}

// Diagnose returns the diagnostics named by Columns at the current time.
func (h *Homogeneous) Diagnose() []float64 {
	m := h.op.Moments(h.in.F)
	d := []float64{h.in.T, m.Mass, m.Px, m.Py, m.Energy, m.Txx, m.Txy, m.Tyy, m.Entropy, m.MinF}
	t := h.in.T
	switch h.cfg.Preset {
	case PresetBKW:
		l1, l2, li := h.bkwErrors()
		k := BKWK(t)
		d = append(d, l1, l2, li, m.M4, 8*k*(2-k))
	case PresetAnisotropic:
		ex := math.NaN()
		if h.cfg.Gamma == 0 {
			ex = (h.cfg.Tx - h.cfg.Ty) * math.Exp(-8*h.cfg.Lambda*m.Mass*(t-h.cfg.T0))
		}
		d = append(d, m.Txx-m.Tyy, ex)
	}
	return d
}

// bkwErrors returns the relative L1, L2 and L∞ errors against BKW.
func (h *Homogeneous) bkwErrors() (l1, l2, linf float64) {
	n, f := h.cfg.N, h.in.F
	var s1, s2, sm, e1, e2, em float64
	for i1 := 0; i1 < n; i1++ {
		for i2 := 0; i2 < n; i2++ {
			fe := BKW(h.in.T, h.op.Node(i1), h.op.Node(i2))
			h.exact[i1*n+i2] = fe
			e := math.Abs(f[i1*n+i2] - fe)
			s1, s2, sm = s1+math.Abs(fe), s2+fe*fe, max(sm, math.Abs(fe))
			e1, e2, em = e1+e, e2+e*e, max(em, e)
		}
	}
	return e1 / s1, math.Sqrt(e2 / s2), em / sm
}

// Fields returns the distribution "f" (n×n, v_y fastest) and, for bkw, the
// exact solution "f_exact" at the current time. The slices are the run's
// own storage: read them, do not keep them across steps.
func (h *Homogeneous) Fields() []sim.Field {
	n := h.cfg.N
	v := make([]float64, n)
	for i := range v {
		v[i] = h.op.Node(i)
	}
	field := func(name string, data []float64) sim.Field {
		return sim.Field{Name: name, Axes: []string{"vx", "vy"}, Shape: []int{n, n}, Data: data,
			Coords: [][]float64{v, v}}
	}
	fs := []sim.Field{field("f", h.in.F)}
	if h.exact != nil {
		h.bkwErrors()
		fs = append(fs, field("f_exact", h.exact))
	}
	return fs
}

var _ sim.Simulation = (*Homogeneous)(nil)
