package landau

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// sample returns fn evaluated at the nodes of op.
func sample(op *Operator, fn func(vx, vy float64) float64) []float64 {
	n := op.N()
	f := make([]float64, n*n)
	for i1 := 0; i1 < n; i1++ {
		for i2 := 0; i2 < n; i2++ {
			f[i1*n+i2] = fn(op.Node(i1), op.Node(i2))
		}
	}
	return f
}

// relL2 returns ‖a − b‖₂ / ‖b‖₂.
func relL2(a, b []float64) float64 {
	var d, s float64
	for i := range a {
		d += (a[i] - b[i]) * (a[i] - b[i])
		s += b[i] * b[i]
	}
	return math.Sqrt(d / s)
}

// bumps is a smooth positive test density without symmetries: two
// Maxwellians of different widths plus a seeded relative perturbation.
func bumps(op *Operator, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	f := sample(op, func(x, y float64) float64 {
		return math.Exp(-((x-1)*(x-1)+y*y)/2) +
			0.5*math.Exp(-((x+1)*(x+1)+(y-0.5)*(y-0.5))/0.8)
	})
	for i := range f {
		f[i] *= 1 + 0.1*rng.Float64()
	}
	return f
}

// TestDirectMatchesFFT checks that the two evaluations give the same
// numbers. The FFT path rounds at the level ε·(sum of |terms|) ≈ 1e-16
// times log-size factors; 1e-12 of max|Q| leaves three decades of margin.
func TestDirectMatchesFFT(t *testing.T) {
	for _, gamma := range []float64{0, -3} {
		for _, form := range []Form{Plain, Entropic} {
			for _, n := range []int{16, 32, 64} {
				op, err := New(n, 6, Params{Gamma: gamma, Lambda: 1}, form)
				if err != nil {
					t.Fatal(err)
				}
				f := bumps(op, uint64(n))
				qf, qd := make([]float64, n*n), make([]float64, n*n)
				op.Apply(qf, f)
				op.Direct(qd, f)
				var d, s float64
				for i := range qf {
					d = max(d, math.Abs(qf[i]-qd[i]))
					s = max(s, math.Abs(qd[i]))
				}
				if d/s > 1e-12 || s == 0 {
					t.Errorf("γ=%v %v n=%d: max|Q_fft − Q_direct|/max|Q| = %.3g, want <= 1e-12 (max|Q| = %g)",
						gamma, form, n, d/s, s)
				}
				t.Logf("γ=%v %v n=%d: relative difference %.2e", gamma, form, n, d/s)
			}
		}
	}
}

// TestConservationAnyF checks Σ φ_i Q_i h² = 0 for φ = 1, v_x, v_y, |v|²
// for arbitrary (also negative) f: D maps these φ to 0, e_k and 2v_c
// exactly, and the flux sums vanish by the symmetry of A and A(z)z = 0.
// The scale of each sum is Σ |φ_i Q_i| h²; round-off leaves about 1e-15 of it.
func TestConservationAnyF(t *testing.T) {
	for _, gamma := range []float64{0, -3, 1, -1.5} {
		for _, form := range []Form{Plain, Entropic} {
			n := 24
			op, err := New(n, 5, Params{Gamma: gamma, Lambda: 0.7}, form)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(7, uint64(form)))
			f := make([]float64, n*n)
			for i := range f {
				f[i] = rng.Float64() // rough, positive for the entropic form
				if form == Plain {
					f[i] -= 0.3
				}
			}
			q := make([]float64, n*n)
			for name, apply := range map[string]func(q, f []float64){"fft": op.Apply, "direct": op.Direct} {
				apply(q, f)
				var sum, abs [4]float64
				for i1 := 0; i1 < n; i1++ {
					for i2 := 0; i2 < n; i2++ {
						vx, vy, qi := op.Node(i1), op.Node(i2), q[i1*n+i2]
						for k, phi := range [4]float64{1, vx, vy, vx*vx + vy*vy} {
							sum[k] += phi * qi
							abs[k] += math.Abs(phi * qi)
						}
					}
				}
				for k, m := range []string{"mass", "momentum x", "momentum y", "energy"} {
					if r := math.Abs(sum[k]) / abs[k]; r > 1e-13 {
						t.Errorf("γ=%v %v %s: %s change %.3g of its scale, want <= 1e-13",
							gamma, form, name, m, r)
					}
				}
			}
		}
	}
}

// TestBKWOneShot compares Q_L[f] with the exact ∂f/∂t of the BKW solution
// at t = 0.5 on [−6, 6]² (f < 1e-13 on the box edge) and asserts the
// observed order of the relative L2 error.
func TestBKWOneShot(t *testing.T) {
	const tt, vmax = 0.5, 6.0
	for _, form := range []Form{Plain, Entropic} {
		var prev float64
		for _, n := range []int{32, 64, 128} {
			op, err := New(n, vmax, Params{Gamma: 0, Lambda: BKWLambda}, form)
			if err != nil {
				t.Fatal(err)
			}
			f := sample(op, func(x, y float64) float64 { return BKW(tt, x, y) })
			want := sample(op, func(x, y float64) float64 { return BKWRate(tt, x, y) })
			q := make([]float64, n*n)
			op.Apply(q, f)
			e := relL2(q, want)
			order := math.Log2(prev / e)
			t.Logf("%v n=%3d: relative L2 error %.3e, order %.2f", form, n, e, order)
			// Observed orders are 1.83–1.97, rising towards 2 with n.
			if prev != 0 && !(order >= 1.8) {
				t.Errorf("%v n=%d: order %.2f, want >= 1.8", form, n, order)
			}
			if n == 128 && e > 0.012 {
				t.Errorf("%v n=128: error %.3g, want <= 0.012", form, e)
			}
			prev = e
		}
	}
}

// TestBKWRateIsTimeDerivative checks BKWRate against a centred difference
// of BKW in time (error O(δ²) ≈ 1e-10 of the scale).
func TestBKWRateIsTimeDerivative(t *testing.T) {
	const d = 1e-4
	for _, tt := range []float64{0, 0.5, 3} {
		for _, v := range [][2]float64{{0, 0}, {0.7, -0.2}, {1.5, 1}, {3, 0}} {
			fd := (BKW(tt+d, v[0], v[1]) - BKW(tt-d, v[0], v[1])) / (2 * d)
			if got := BKWRate(tt, v[0], v[1]); math.Abs(got-fd) > 1e-9 {
				t.Errorf("t=%v v=%v: BKWRate = %.12g, centred difference %.12g", tt, v, got, fd)
			}
		}
	}
}

// TestBKWEvolution runs bkw to t = 1 at 32² and 64² on [−8, 8]² and checks
// the error of f against the exact solution and its order, E|v|⁴, the
// conservation of mass, momentum and energy at every step and the decay of
// entropy at every step.
func TestBKWEvolution(t *testing.T) {
	if testing.Short() {
		t.Skip("evolution to t = 1 takes a few seconds")
	}
	var prev float64
	for _, n := range []int{32, 64} {
		c, err := DefaultConfig(PresetBKW)
		if err != nil {
			t.Fatal(err)
		}
		c.N = n
		h, err := NewHomogeneous(c)
		if err != nil {
			t.Fatal(err)
		}
		cols := h.Columns()
		col := func(name string) int {
			for i, c := range cols {
				if c == name {
					return i
				}
			}
			t.Fatalf("no column %q", name)
			return -1
		}
		d0 := h.Diagnose()
		prevD := d0
		steps := 0
		var worst float64
		for h.Time() < 1 {
			if _, err := h.StepTo(1); err != nil {
				t.Fatal(err)
			}
			steps++
			d := h.Diagnose()
			// Relative changes per step; momentum is zero, so it is measured
			// against the momentum scale ρ·(2E/ρ)^½.
			pscale := math.Sqrt(2 * prevD[col("mass")] * prevD[col("energy")])
			for _, ch := range []float64{
				math.Abs(d[col("mass")]-prevD[col("mass")]) / prevD[col("mass")],
				math.Abs(d[col("px")]-prevD[col("px")]) / pscale,
				math.Abs(d[col("py")]-prevD[col("py")]) / pscale,
				math.Abs(d[col("energy")]-prevD[col("energy")]) / prevD[col("energy")],
			} {
				worst = max(worst, ch)
			}
			if d[col("entropy")] > prevD[col("entropy")] {
				t.Errorf("n=%d step %d: entropy rose from %.15g to %.15g",
					n, steps, prevD[col("entropy")], d[col("entropy")])
			}
			prevD = d
		}
		if worst > 1e-12 {
			t.Errorf("n=%d: worst relative change of a conserved moment per step %.3g, want <= 1e-12",
				n, worst)
		}
		e := prevD[col("err_l2")]
		m4, m4e := prevD[col("m4")], prevD[col("m4_exact")]
		order := math.Log2(prev / e)
		t.Logf("n=%d: %d steps, relative L2 error at t=1 %.3e (order %.2f), L1 %.3e, Linf %.3e, "+
			"E|v|^4 %.6f vs 8K(2-K) %.6f, worst moment change/step %.1e", n, steps, e, order,
			prevD[col("err_l1")], prevD[col("err_linf")], m4, m4e, worst)
		if prev != 0 && !(order >= 1.8) {
			t.Errorf("n=%d: order %.2f, want >= 1.8", n, order)
		}
		// E|v|⁴ is a second-order accurate moment: 1% at 32², 0.3% at 64².
		if math.Abs(m4-m4e)/m4e > 0.02*(32/float64(n))*(32/float64(n)) {
			t.Errorf("n=%d: E|v|^4 = %.6f, want %.6f within %.1f%%", n, m4, m4e,
				200*(32/float64(n))*(32/float64(n)))
		}
		prev = e
	}
}

// TestMaxwellianEquilibrium: the entropic form has discrete Maxwellians as
// exact equilibria (D log M is affine in v_c and A(z)z = 0), so Q is
// round-off; the plain form gives O(h²), the order is asserted. Round-off
// is judged against the flux terms, which for γ = 0 reach Λ|v|²‖M‖/h² at the
// box edge, a thousand times ‖Q‖: 1e-12.
func TestMaxwellianEquilibrium(t *testing.T) {
	for _, gamma := range []float64{0, -3} {
		var prev float64
		for _, n := range []int{32, 64, 128} {
			var res [2]float64
			for _, form := range []Form{Plain, Entropic} {
				op, err := New(n, 8, Params{Gamma: gamma, Lambda: 1}, form)
				if err != nil {
					t.Fatal(err)
				}
				m := sample(op, func(x, y float64) float64 {
					x, y = x-0.3, y+0.2
					return math.Exp(-(x*x+y*y)/(2*1.2)) / (2 * math.Pi * 1.2)
				})
				q := make([]float64, n*n)
				op.Apply(q, m)
				var qq, mm float64
				for i := range q {
					qq += q[i] * q[i]
					mm += m[i] * m[i]
				}
				res[form] = math.Sqrt(qq / mm) // ‖Q‖/‖M‖, in units of 1/time
			}
			order := math.Log2(prev / res[Plain])
			t.Logf("γ=%v n=%d: ‖Q[M]‖/‖M‖ plain %.3e (order %.2f), entropic %.1e",
				gamma, n, res[Plain], order, res[Entropic])
			if res[Entropic] > 1e-12 {
				t.Errorf("γ=%v n=%d entropic: ‖Q[M]‖/‖M‖ = %.3g, want round-off (<= 1e-12)",
					gamma, n, res[Entropic])
			}
			if prev != 0 && !(order >= 1.8) {
				t.Errorf("γ=%v n=%d plain: order %.2f, want >= 1.8", gamma, n, order)
			}
			prev = res[Plain]
		}
	}
}

// TestMinVelocityBox checks the box bound against the Maxwellian edge value
// exp(−V²/(2T)) = EdgeTolerance, V = √(2T ln(1/tol)), to the 3-digit rounding and the
// sampling step √T/20 of the search; and that the presets' default boxes pass it.
func TestMinVelocityBox(t *testing.T) {
	for _, tc := range []struct{ tx, ty float64 }{{1.5, 0.5}, {1, 1}, {0.2, 4}, {100, 50}} {
		c, _ := DefaultConfig(PresetAnisotropic)
		c.Tx, c.Ty = tc.tx, tc.ty
		want := math.Sqrt(2 * math.Max(tc.tx, tc.ty) * math.Log(1/grid.EdgeTolerance))
		step := math.Sqrt(math.Min(tc.tx, tc.ty)) / 20
		if got := c.MinVelocityBox(); got < want || got > want+step+want*1e-2 {
			t.Errorf("tx=%g ty=%g: MinVelocityBox = %g, want %g (+ up to %g)", tc.tx, tc.ty,
				got, want, step+want*1e-2)
		}
	}
	for _, p := range Presets {
		c, _ := DefaultConfig(p)
		if least := c.MinVelocityBox(); !(least > 0 && least <= c.VMax) {
			t.Errorf("%s: default vmax = %g, least box %g", p, c.VMax, least)
		}
	}
}

// TestAnisotropicRelaxation: for Maxwell molecules in 2D the moment
// equations close, d(Pxx − Pyy)/dt = −8Λρ(Pxx − Pyy) (from
// ∫φQ = ∫∫ff*[A:∇²φ + 2(∇·A)·∇φ] with ∇·A(z) = −Λz), so Txx − Tyy decays
// as exp(−8Λρt). The discrete run follows it closely (4e-9 at 32²).
func TestAnisotropicRelaxation(t *testing.T) {
	c, err := DefaultConfig(PresetAnisotropic)
	if err != nil {
		t.Fatal(err)
	}
	c.N = 32
	h, err := NewHomogeneous(c)
	if err != nil {
		t.Fatal(err)
	}
	for h.Time() < 1 {
		if _, err := h.StepTo(1); err != nil {
			t.Fatal(err)
		}
	}
	d := h.Diagnose()
	got, want := d[len(d)-2], d[len(d)-1]
	t.Logf("Txx − Tyy at t=1: %.12f, exact %.12f (rate 8Λρ = %.6f)", got, want, 8*c.Lambda*d[1])
	if math.Abs(got-want) > 1e-6*want {
		t.Errorf("Txx − Tyy = %.12g, want %.12g (relative 1e-6)", got, want)
	}
}

// TestCoulombBumps runs coulomb-bumps (γ = −3) in both forms: moments kept
// to 1e-12 per step, entropy falls at every step, the temperature relaxes
// towards isotropy.
func TestCoulombBumps(t *testing.T) {
	for _, form := range []Form{Plain, Entropic} {
		c, err := DefaultConfig(PresetCoulombBumps)
		if err != nil {
			t.Fatal(err)
		}
		c.N, c.Form, c.Lambda = 32, form, 1
		h, err := NewHomogeneous(c)
		if err != nil {
			t.Fatal(err)
		}
		d0 := h.Diagnose()
		prev := d0
		for h.Time() < 1 {
			if _, err := h.StepTo(1); err != nil {
				t.Fatal(err)
			}
			d := h.Diagnose()
			ps := math.Sqrt(2 * prev[1] * prev[4])
			for k, s := range []float64{prev[1], ps, ps, prev[4]} {
				k++ // column 0 is t
				if r := math.Abs(d[k]-prev[k]) / s; r > 1e-12 {
					t.Errorf("%v t=%.3f: %s changed by %.3g relative", form, h.Time(), h.Columns()[k], r)
				}
			}
			if d[8] > prev[8] {
				t.Errorf("%v t=%.3f: entropy rose from %.15g to %.15g", form, h.Time(), prev[8], d[8])
			}
			prev = d
		}
		a0, a1 := d0[5]-d0[7], prev[5]-prev[7]
		t.Logf("%v: Txx − Tyy from %.4f to %.4f at t=1, entropy %.4f → %.4f", form, a0, a1, d0[8], prev[8])
		if !(a1 < 0.9*a0 && a1 > 0) {
			t.Errorf("%v: Txx − Tyy went from %.4g to %.4g, want a monotone partial relaxation", form, a0, a1)
		}
	}
}

func TestBadInput(t *testing.T) {
	ok := Params{Gamma: 0, Lambda: 1}
	for _, tc := range []struct {
		name string
		n    int
		vmax float64
		p    Params
		want string
	}{
		{"gamma high", 32, 6, Params{Gamma: 1.5, Lambda: 1}, "gamma = 1.5 out of range"},
		{"gamma low", 32, 6, Params{Gamma: -3.5, Lambda: 1}, "gamma = -3.5 out of range"},
		{"gamma NaN", 32, 6, Params{Gamma: math.NaN(), Lambda: 1}, "gamma = NaN"},
		{"lambda negative", 32, 6, Params{Gamma: 0, Lambda: -1}, "lambda = -1 out of range"},
		{"lambda inf", 32, 6, Params{Gamma: 0, Lambda: math.Inf(1)}, "lambda = +Inf"},
		{"grid too coarse", 7, 6, ok, "n = 7 out of range"},
		{"grid too fine", 2048, 6, ok, "n = 2048 out of range"},
		{"vmax zero", 32, 0, ok, "vmax = 0 out of range"},
		{"vmax inf", 32, math.Inf(1), ok, "vmax = +Inf out of range"},
	} {
		_, err := New(tc.n, tc.vmax, tc.p, Plain)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}

	op, err := New(16, 4, ok, Entropic)
	if err != nil {
		t.Fatal(err)
	}
	f := sample(op, func(x, y float64) float64 { return math.Exp(-(x*x + y*y) / 2) })
	for _, tc := range []struct {
		name string
		idx  int
		val  float64
		want string
	}{
		{"negative", 17, -1e-3, "f[1, 1] = -0.001 out of range: must be >= 0"},
		{"NaN", 3, math.NaN(), "f[0, 3] = NaN out of range: must be finite"},
		{"zero entropic", 40, 0, "f[2, 8] = 0 out of range: the entropic form needs f > 0"},
	} {
		g := append([]float64(nil), f...)
		g[tc.idx] = tc.val
		_, err := NewIntegrator(op, g, 0, 1)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
	if _, err := NewIntegrator(op, f, 0, 3); err == nil || !strings.Contains(err.Error(), "cfl = 3") {
		t.Errorf("cfl 3: err = %v", err)
	}

	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"preset", func(c *Config) { c.Preset = "bkw2" }, `preset "bkw2" out of range`},
		{"bkw gamma", func(c *Config) { c.Gamma = -3 }, "bkw needs gamma = 0 and lambda = 1/16"},
		{"bkw t0", func(c *Config) { c.T0 = -1 }, "t0 = -1 out of range"},
		{"n", func(c *Config) { c.N = 4 }, "n = 4 out of range"},
		{"form", func(c *Config) { c.Form = 5 }, "form = 5 out of range"},
		{"cfl", func(c *Config) { c.CFL = 0 }, "cfl = 0 out of range"},
	} {
		c, _ := DefaultConfig(PresetBKW)
		tc.edit(&c)
		if _, err := NewHomogeneous(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
	c, _ := DefaultConfig(PresetAnisotropic)
	c.Ty = -1
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "ty = -1 out of range") {
		t.Errorf("anisotropic ty: err = %v", err)
	}
	c, _ = DefaultConfig(PresetCoulombBumps)
	c.Temp = 0
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "temp = 0 out of range") {
		t.Errorf("coulomb-bumps temp: err = %v", err)
	}
	if _, err := DefaultConfig("nope"); err == nil {
		t.Error("DefaultConfig(nope): no error")
	}
	// Values that once reached step 0 and gave a non-finite density or step.
	for _, tc := range []struct {
		preset string
		edit   func(*Config)
		want   string
	}{
		{PresetBKW, func(c *Config) { c.VMax = 1e-300 }, "vmax = 1e-300 out of range: the box " +
			"cuts the initial density (f at the box edge above 1e-07 of its peak): allowed " +
			"vmax ≥ 4.51"},
		{PresetBKW, func(c *Config) { c.VMax = 1e300 }, "vmax = 1e+300 out of range: must be " +
			"in (0, 10000]"},
		{PresetAnisotropic, func(c *Config) { c.Tx = 1e-300 }, "tx = 1e-300 out of range: " +
			"must be in [0.0001, 10000]"},
		{PresetAnisotropic, func(c *Config) { c.Ty = 1e300 }, "ty = 1e+300 out of range"},
		{PresetAnisotropic, func(c *Config) { c.Tx = 3 }, "allowed vmax ≥ 9.86"},
		{PresetAnisotropic, func(c *Config) { c.Ty = 0.01 }, "n = 64 out of range: the velocity " +
			"cell 2·vmax/n = 0.25 must not exceed the narrowest thermal speed 0.1: allowed n " +
			"in [160, 1024]"},
		{PresetAnisotropic, func(c *Config) { c.Ty = 1e-4 }, "needs n ≥ 1600, above the " +
			"largest n = 1024"},
		{PresetCoulombBumps, func(c *Config) { c.Shift = 1e300 }, "shift = 1e+300 out of " +
			"range: must be in [0, 1000]"},
		{PresetCoulombBumps, func(c *Config) { c.Temp = 1e300 }, "temp = 1e+300 out of range"},
		{PresetCoulombBumps, func(c *Config) { c.Shift = 10 }, "allowed vmax ≥ 14.1"},
	} {
		c, _ := DefaultConfig(tc.preset)
		tc.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.preset, err, tc.want)
		}
	}
	if _, err := ParseForm("fancy"); err == nil {
		t.Error("ParseForm(fancy): no error")
	}
}

// TestKernelTable checks the kernel table against A(z) = Λ|z|^γ(|z|²I − z⊗z)
// written out, and A(z)z = 0.
func TestKernelTable(t *testing.T) {
	for _, gamma := range []float64{0, -3, 1, -2.2} {
		op, err := New(12, 3, Params{Gamma: gamma, Lambda: 0.5}, Plain)
		if err != nil {
			t.Fatal(err)
		}
		h := op.H()
		for _, d := range [][2]int{{0, 0}, {1, 0}, {0, -3}, {2, 5}, {-10, 10}, {-4, -7}} {
			axx, axy, ayy := op.Kernel(d[0], d[1])
			zx, zy := h*float64(d[0]), h*float64(d[1])
			r := math.Hypot(zx, zy)
			var wxx, wxy, wyy float64
			if r > 0 {
				s := 0.5 * math.Pow(r, gamma)
				wxx, wxy, wyy = s*(r*r-zx*zx), -s*zx*zy, s*(r*r-zy*zy)
			}
			for _, p := range [][2]float64{{axx, wxx}, {axy, wxy}, {ayy, wyy}} {
				if math.Abs(p[0]-p[1]) > 1e-14*max(1, math.Abs(p[1])) {
					t.Errorf("γ=%v d=%v: kernel %v, want %v", gamma, d, p[0], p[1])
				}
			}
			if nx, ny := axx*zx+axy*zy, axy*zx+ayy*zy; math.Abs(nx)+math.Abs(ny) > 1e-14 {
				t.Errorf("γ=%v d=%v: A(z)z = (%g, %g), want 0", gamma, d, nx, ny)
			}
		}
	}
}

func TestApplyAllocatesNothing(t *testing.T) {
	op, err := New(32, 6, Params{Gamma: -3, Lambda: 1}, Entropic)
	if err != nil {
		t.Fatal(err)
	}
	f := bumps(op, 3)
	q := make([]float64, len(f))
	op.Apply(q, f)
	if a := testing.AllocsPerRun(5, func() { op.Apply(q, f) }); a != 0 {
		t.Errorf("Apply allocates %v times per call, want 0", a)
	}
}

func TestStableStep(t *testing.T) {
	// For γ = 0 and a centred density of mass ρ and second moment ∫|v|²f = 2ρ,
	// a(v) = Λ ∫ (|v−w|² I − (v−w)⊗(v−w)) f(w) dw has largest eigenvalue
	// Λρ(|v|² + 1) on the box diagonal (v ⊥ eigenvector), so
	// max λ ≈ Λ(2 v_c² + 1) at the outermost corner v_c = V − h. The
	// quadrature over corner averages f̄ adds O(h²) to the moments: 1e-3.
	op, err := New(32, 8, Params{Gamma: 0, Lambda: BKWLambda}, Plain)
	if err != nil {
		t.Fatal(err)
	}
	f := sample(op, func(x, y float64) float64 { return BKW(1, x, y) })
	q := make([]float64, len(f))
	op.Apply(q, f)
	vc := 8 - op.H()
	want := BKWLambda * (2*vc*vc + 1)
	if got := op.MaxDiffusion(); math.Abs(got-want) > 1e-3*want {
		t.Errorf("MaxDiffusion = %.10g, want %.10g", got, want)
	}
	if got, w := op.StableStep(1), op.H()*op.H()/(4*op.MaxDiffusion()); got != w {
		t.Errorf("StableStep(1) = %g, want %g", got, w)
	}
}

func ExampleNewHomogeneous() {
	c, err := DefaultConfig(PresetBKW)
	if err != nil {
		panic(err)
	}
	c.N, c.VMax = 24, 6
	run, err := NewHomogeneous(c)
	if err != nil {
		panic(err)
	}
	for run.Time() < 0.5 {
		if _, err := run.StepTo(0.5); err != nil {
			panic(err)
		}
	}
	d := run.Diagnose()
	for i, name := range run.Columns()[1:5] {
		fmt.Printf("%s %.6f\n", name, math.Abs(d[i+1]))
	}
	// Output:
	// mass 1.000000
	// px 0.000000
	// py 0.000000
	// energy 1.000000
}

// An Operator that becomes unreachable while its own evaluation runs must not have its worker
// pool stopped under it (the cleanup that stops the pool once fired mid-Apply, a send on a
// closed channel). Operators used in a single expression while the collector runs without
// pause exercise that window.
func TestOperatorCollectedDuringApply(t *testing.T) {
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				runtime.GC()
			}
		}
	}()
	defer close(stop)
	const n = 64
	f := make([]float64, n*n)
	for i := range f {
		f[i] = 1 + float64(i%7)
	}
	q := make([]float64, n*n)
	for i := 0; i < 60; i++ {
		op, err := New(n, 4, Params{Gamma: -3, Lambda: 1}, Plain)
		if err != nil {
			t.Fatal(err)
		}
		op.Apply(q, f)
	}
}
