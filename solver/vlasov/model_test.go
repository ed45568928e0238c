package vlasov

import (
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
// linear theory (two-stream v0 = 2.4, k = 0.2: γ = 0.225844; bump-on-tail of Arber & Vann at
// k = 0.3: γ = 0.198098). The tolerance of 2% covers the bias of the fit window (the
// initially excited damped and neutral modes still beat with the growing mode at the window's
// start, and trapping starts to bend the curve at its end); the errors measured here are
// 0.6% (two-stream) and 0.1% (bump-on-tail). Mass is conserved to 1e-12 through the
// nonlinear saturation that follows.
func TestInstabilityGrowth(t *testing.T) {
	cases := []struct {
		name    string
		profile string
		k, tend float64
		want    float64
	}{
		{"two-stream", TwoStream, 0.2, 45, 0.225844},
		{"bump-on-tail", BumpOnTail, 0.3, 50, 0.198098},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := DefaultInit()
			in.Profile, in.K, in.Alpha = c.profile, c.k, 1e-4
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
