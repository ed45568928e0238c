package vlasov

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// run advances a model to cfg.TEnd, recording the diagnostics after every step.
func run(t *testing.T, vdim, nx, nv int, vmax float64, cfg Config) (*Model, *sim.History) {
	t.Helper()
	g, err := grid.New(vdim, nx, nv, 2*math.Pi/cfg.Init.K, vmax)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := &sim.History{Columns: m.Columns()}
	h.Rows = append(h.Rows, m.Diagnose())
	for m.Time() < cfg.TEnd {
		if _, err := m.Step(); err != nil {
			t.Fatal(err)
		}
		h.Rows = append(h.Rows, m.Diagnose())
	}
	if got := m.Time(); got != cfg.TEnd {
		t.Errorf("final time %v, want %v exactly", got, cfg.TEnd)
	}
	return m, h
}

func measure(t *testing.T, m *Model, h *sim.History) map[string]any {
	t.Helper()
	r, err := m.Measure(h)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := r["fit_error"]; ok {
		t.Fatalf("fit failed: %v", e)
	}
	return r
}

// Linear Landau damping, k = 0.5, α = 0.01: the fitted rate and frequency must match the
// least-damped root ω = 1.415662 − 0.153359i within 2% (γ) and 1% (ω). The tolerances are
// those of the benchmark's usual quotation; the measured errors on these grids are a few
// tenths of a percent, from splitting (O(dt²)) and from the fit through a finite number of
// maxima. The 1X2V case (v_y passive) must give the same figures on a grid of 16×32×32.
func TestLandauDamping(t *testing.T) {
	cases := []struct {
		name          string
		vdim, nx, nv  int
		tend          float64
		gammaTol, wTo float64
	}{
		{"1X1V 64x256", 1, 64, 256, 40, 0.02, 0.01},
		{"1X2V 16x32x32", 2, 16, 32, 30, 0.02, 0.01},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{Init: DefaultInit(), CFL: 2, TEnd: c.tend}
			m, h := run(t, c.vdim, c.nx, c.nv, 6, cfg)
			r := measure(t, m, h)
			g, w := r["gamma"].(float64), r["omega"].(float64)
			if d := math.Abs(g/-0.153359 - 1); d > c.gammaTol {
				t.Errorf("γ = %.6f, want −0.153359 within %g (rel. error %.2e)", g, c.gammaTol, d)
			}
			if d := math.Abs(w/1.415662 - 1); d > c.wTo {
				t.Errorf("ω = %.6f, want 1.415662 within %g (rel. error %.2e)", w, c.wTo, d)
			}
			t.Logf("γ = %.6f (%.3f%%), ω = %.6f (%.3f%%), %d maxima on [%.1f, %.1f]", g,
				100*(g/-0.153359-1), w, 100*(w/1.415662-1), r["fit_points"], r["fit_t_min"],
				r["fit_t_max"])
			// Shifts conserve every line sum: mass to round-off.
			if d := r["mass_drift"].(float64); d > 1e-12 {
				t.Errorf("mass drift %.2e, want ≤ 1e-12", d)
			}
		})
	}
}

// Instabilities: growth rate of the field energy's exponential phase against the computed
// linear theory (two-stream v0 = 2.4, k = 0.2: γ = 0.225844, ω = 0; bump-on-tail of Arber &
// Vann at k = 0.3: γ = 0.198098, ω = 1.001218). The tolerance of 2% on γ covers what is left
// of the fit window's bias once the beating of the companion modes is fitted out (trapping
// starts to bend the curve at the window's end); the errors measured here are below 0.1% at
// α = 1e-4 and 0.8% (two-stream) and 0.2% (bump-on-tail) at α = 1e-3, where the window
// starts ten time units earlier, among companions a hundred times stronger. The frequency,
// from the phase of the field's Fourier mode, must match within 1% (measured 0.01% and
// 0.5%). Mass is conserved to 1e-12 through the nonlinear saturation that follows.
func TestInstabilityGrowth(t *testing.T) {
	cases := []struct {
		name        string
		profile     string
		k, tend     float64
		alpha       float64
		want, omega float64
	}{
		{"two-stream", TwoStream, 0.2, 45, 1e-4, 0.225844, 0},
		{"two-stream α=1e-3", TwoStream, 0.2, 35, 1e-3, 0.225844, 0},
		{"bump-on-tail", BumpOnTail, 0.3, 50, 1e-4, 0.198098, 1.001218},
		{"bump-on-tail α=1e-3", BumpOnTail, 0.3, 40, 1e-3, 0.198098, 1.001218},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := DefaultInit()
			in.Profile, in.K, in.Alpha = c.profile, c.k, c.alpha
			m, h := run(t, 1, 32, 128, 9, Config{Init: in, CFL: 2, TEnd: c.tend})
			r := measure(t, m, h)
			th := r["gamma_theory"].(float64)
			if math.Abs(th-c.want) > 1e-6 {
				t.Errorf("theory γ = %.7f, want %.6f", th, c.want)
			}
			g := r["gamma"].(float64)
			if d := math.Abs(g/th - 1); d > 0.02 {
				t.Errorf("γ = %.5f, theory %.5f: relative error %.2e > 0.02", g, th, d)
			}
			t.Logf("γ = %.5f, theory %.6f (%.2f%%) on t ∈ [%.1f, %.1f]", g, th, 100*(g/th-1),
				r["fit_t_min"], r["fit_t_max"])
			if c.omega == 0 {
				if w, ok := r["omega"]; ok {
					t.Errorf("ω = %v reported for a purely growing root", w)
				}
			} else {
				w, ok := r["omega"].(float64)
				if !ok {
					t.Fatalf("no ω measured: %v", r["omega_error"])
				}
				if d := math.Abs(w/c.omega - 1); d > 0.01 {
					t.Errorf("ω = %.5f, theory %.6f: relative error %.2e > 0.01", w, c.omega, d)
				}
				t.Logf("ω = %.5f, theory %.6f (%.2f%%)", w, c.omega, 100*(w/c.omega-1))
			}
			if d := r["mass_drift"].(float64); d > 1e-12 {
				t.Errorf("mass drift %.2e, want ≤ 1e-12", d)
			}
		})
	}
}

func TestVelocityBoxCutIsAnError(t *testing.T) {
	g, _ := grid.New(1, 16, 32, 4*math.Pi, 4)
	_, err := New(g, Config{Init: DefaultInit(), CFL: 2, TEnd: 1})
	if err == nil || !strings.Contains(err.Error(), "grid.vmax = 4 cuts") ||
		!strings.Contains(err.Error(), "allowed grid.vmax ≥ 5.7") {
		t.Errorf("error %v", err)
	}
	// A unit Maxwellian at the edge of [−6, 6] is exp(−18) ≈ 1.5e-8 of its peak: accepted.
	if v := MinVelocityBox(DefaultInit().Beams(), 1); v != 5.7 {
		t.Errorf("least box %v, want 5.7 (= √(2 ln 1e7) rounded up)", v)
	}
}

func TestBadConfigNamesTheKey(t *testing.T) {
	g, _ := grid.New(1, 16, 32, 4*math.Pi, 6)
	mod := func(f func(*Config)) Config {
		c := Config{Init: DefaultInit(), CFL: 2, TEnd: 1}
		f(&c)
		return c
	}
	cases := []struct {
		cfg  Config
		want string
	}{
		{mod(func(c *Config) { c.Init.K = 0 }), "init.k = 0 out of range"},
		{mod(func(c *Config) { c.Init.Alpha = 1.5 }), "init.alpha = 1.5 out of range"},
		{mod(func(c *Config) { c.Init.Profile = "flat" }), `init.profile = "flat" not known`},
		{mod(func(c *Config) { c.TEnd = -1 }), "time.t_end = -1 out of range"},
		{mod(func(c *Config) { c.CFL = 0 }), "time.cfl = 0 out of range"},
		{mod(func(c *Config) { c.Fit.Mode = "fast" }), `fit.mode = "fast" not known`},
	}
	for _, c := range cases {
		_, err := New(g, c.cfg)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("error %v, want prefix %q", err, c.want)
		}
	}
}

// TestGridMustFitTheInitialCondition: the period must hold a whole number m of wavelengths
// 2π/k with 1 ≤ m ≤ nx/2 (else f0 jumps at the periodic boundary or the mode is not
// representable), and the velocity cells must resolve the narrowest thermal speed.
func TestGridMustFitTheInitialCondition(t *testing.T) {
	cfg := func(in Init) Config { return Config{Init: in, CFL: 2, TEnd: 1} }
	bump := DefaultInit()
	bump.Profile = BumpOnTail // beam_vt = 0.5: h_v = 18/nv must not exceed 0.5
	cases := []struct {
		name         string
		nx, nv       int
		length, vmax float64
		cfg          Config
		want         string // "" for accepted
	}{
		{"one wavelength", 16, 32, 4 * math.Pi, 6, cfg(DefaultInit()), ""},
		{"eight wavelengths = nx/2", 16, 32, 32 * math.Pi, 6, cfg(DefaultInit()), ""},
		{"fraction of a wavelength", 16, 32, 1.5, 6, cfg(DefaultInit()),
			"grid.length = 1.5 out of range for init.k = 0.5: k·L/(2π) = 0.119366 must be a " +
				"whole number m of wavelengths, 1 ≤ m ≤ grid.nx/2 = 8: allowed grid.length = " +
				"m·2π/k = 12.5664, 25.1327, …"},
		{"1.5 wavelengths", 16, 32, 6 * math.Pi, 6, cfg(DefaultInit()),
			"out of range for init.k = 0.5: k·L/(2π) = 1.5 must be a whole number"},
		{"nine wavelengths > nx/2", 16, 32, 36 * math.Pi, 6, cfg(DefaultInit()),
			"and grid.nx = 16: k·L/(2π) = 9 wavelengths need more than grid.nx/2 = 8 cells' worth: allowed init.k = m·2π/L " +
				"with 1 ≤ m ≤ 8 (at most 0.444444), or grid.nx ≥ 18"},
		{"beam resolved", 16, 36, 2 * math.Pi / 0.3, 9, cfg(bump), ""},
		{"beam unresolved", 16, 32, 2 * math.Pi / 0.3, 9, cfg(bump),
			"grid.nv = 32 out of range: the velocity cell 2·grid.vmax/grid.nv = 0.562 must not " +
				"exceed the narrowest thermal speed 0.5 of the initial profile: allowed grid.nv " +
				"≥ 36 for grid.vmax = 9"},
		{"maxwellian unresolved", 16, 8, 4 * math.Pi, 6, cfg(DefaultInit()),
			"grid.nv = 8 out of range: the velocity cell 2·grid.vmax/grid.nv = 1.5 must not " +
				"exceed the narrowest thermal speed 1"},
	}
	for _, c := range cases {
		c.cfg.Init.K = map[bool]float64{true: 0.3, false: 0.5}[c.cfg.Init.Profile == BumpOnTail]
		g, err := grid.New(1, c.nx, c.nv, c.length, c.vmax)
		if err != nil {
			t.Fatal(err)
		}
		_, err = New(g, c.cfg)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: error %v, want none", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

// The fits recover exact rates from synthetic field energies.
func TestFitsOnSyntheticData(t *testing.T) {
	const gamma, omega = -0.2, 1.3
	var ts, ws []float64
	for i := 0; i <= 3000; i++ {
		x := 0.01 * float64(i)
		ts = append(ts, x)
		c := math.Cos(omega*x - 0.4)
		ws = append(ws, math.Exp(2*gamma*x)*c*c)
	}
	r, err := DampingRate(ts, ws, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	// Maxima are located by a parabola in log W: errors O(h²) in the vertex position.
	if math.Abs(r.Gamma-gamma) > 1e-4 || math.Abs(r.Omega-omega) > 1e-4 {
		t.Errorf("damping fit γ = %v, ω = %v; want %v, %v", r.Gamma, r.Omega, gamma, omega)
	}
	// A growth from 1e-8 saturating at 1 (logistic in W), sampled every 0.1.
	ts, ws = ts[:0], ws[:0]
	for i := 0; i <= 600; i++ {
		x := 0.1 * float64(i)
		ts = append(ts, x)
		e := 1e-8 * math.Exp(2*0.3*x)
		ws = append(ws, e/(1+e)+1e-9)
	}
	g, err := GrowthRate(ts, ws, 0, 60)
	if err != nil {
		t.Fatal(err)
	}
	// The logistic bends by a factor (1 + W) ≤ 1.01 inside the window: ≤ 0.5% on γ.
	if math.Abs(g.Gamma/0.3-1) > 5e-3 {
		t.Errorf("growth fit γ = %v, want 0.3", g.Gamma)
	}
}

// Nonlinear Landau damping (k = 0.5, α = 0.5) on the preset grid 64×256: the early damping
// and the late regrowth of the field amplitude against NonlinearLandauReference (−0.2916
// through the first two maxima of W, 0.0879 through its 9th to 14th). The reference is one
// discontinuous Galerkin run on 128×256 cells, and the rates move with resolution (the
// late phase is set by trapped particles, whose phase-space structure the grid smooths):
// 64×256 gives −0.2917 and 0.0880. The tolerances, 2% (early, two maxima) and 5% (late,
// six maxima in the nonlinear phase), leave room for that spread, not for a wrong window
// (the five-maxima fit on [0, 15] gives −0.229, 21% off).
func TestNonlinearLandauRates(t *testing.T) {
	in := DefaultInit()
	in.Alpha = 0.5
	m, h := run(t, 1, 64, 256, 6, Config{Init: in, CFL: 2, TEnd: 40})
	r := measure(t, m, h)
	for _, q := range []struct {
		name string
		want float64
		tol  float64
	}{{"gamma_early", -0.2916, 0.02}, {"gamma_late", 0.0879, 0.05}} {
		g, ok := r[q.name].(float64)
		if !ok {
			t.Fatalf("%s not measured: %v", q.name, r[q.name+"_error"])
		}
		if ref := r[q.name+"_reference"]; ref != q.want {
			t.Errorf("%s_reference = %v, want %v", q.name, ref, q.want)
		}
		if s, _ := r[q.name+"_reference_source"].(string); !strings.Contains(s, "Hakim") {
			t.Errorf("%s_reference_source = %q", q.name, s)
		}
		if d := math.Abs(g/q.want - 1); d > q.tol {
			t.Errorf("%s = %.5f, reference %.4f: relative error %.2e > %g", q.name, g, q.want,
				d, q.tol)
		}
		t.Logf("%s = %.5f, reference %.4f (%.2f%%) on t ∈ [%.1f, %.1f]", q.name, g, q.want,
			100*(g/q.want-1), r[q.name+"_t_min"], r[q.name+"_t_max"])
	}
	// Too short a run: the late rate is missing, with the reason.
	early, _, err := NonlinearLandauRates(h.Column("t")[:200], h.Column("field_energy")[:200])
	if !errors.Is(err, ErrRunTooShort) || early.Points != 2 {
		t.Errorf("short run: early %+v, error %v; want the early rate and ErrRunTooShort",
			early, err)
	}
}

// Fit errors name the window in words and leave unbounded sides out; a growth fit of a
// decaying field says there is no growth phase.
func TestFitErrorMessages(t *testing.T) {
	var ts, ws []float64
	for i := 0; i <= 400; i++ {
		x := 0.1 * float64(i)
		c := math.Cos(1.4 * x)
		ts, ws = append(ts, x), append(ws, math.Exp(-0.3*x)*c*c+1e-30)
	}
	_, err := GrowthRate(ts, ws, 0, math.Inf(1))
	if err == nil || !errors.Is(err, ErrNoExponentialPhase) ||
		!strings.Contains(err.Error(), "the field energy never rises: this run has no growth "+
			"phase (fit.mode = growth); use fit.mode = damping or auto") ||
		strings.Contains(err.Error(), "Inf") || strings.Contains(err.Error(), "∈") {
		t.Errorf("growth fit of a damped field: %v", err)
	}
	_, err = DampingRate(ts, ws, 0, 2)
	if err == nil || !strings.HasPrefix(err.Error(), "damping fit on t ≤ 2: ") {
		t.Errorf("damping fit with one maximum: %v", err)
	}
	_, err = DampingRate(ts, ws, 39, math.Inf(1))
	if err == nil || !strings.HasPrefix(err.Error(), "damping fit on t ≥ 39: ") {
		t.Errorf("damping fit past the end: %v", err)
	}
}
