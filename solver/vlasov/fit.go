package vlasov

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/kinsolve/kinsolve/solver/sim"
)

// Fit modes, the values of FitWindow.Mode.
const (
	FitAuto    = "auto"    // damping if the linear theory is damped, growth otherwise
	FitDamping = "damping" // rate and frequency through the maxima of the field energy
	FitGrowth  = "growth"  // rate of the exponential phase of an instability
	FitNone    = "none"
)

// FitWindow chooses how rates are measured from the field energy W(t) = ½∫E²dx. Zero TMin
// and TMax select the automatic windows of DampingRate and GrowthRate.
type FitWindow struct {
	Mode string  `toml:"mode"`
	TMin float64 `toml:"t_min"`
	TMax float64 `toml:"t_max"`
}

func (w FitWindow) validate() error {
	switch w.Mode {
	case "", FitAuto, FitDamping, FitGrowth, FitNone:
	default:
		return fmt.Errorf("fit.mode = %q not known: allowed %s, %s, %s, %s", w.Mode,
			FitAuto, FitDamping, FitGrowth, FitNone)
	}
	if !(w.TMin >= 0) || math.IsInf(w.TMin, 0) || !(w.TMax >= 0) || math.IsInf(w.TMax, 0) ||
		(w.TMax > 0 && w.TMax <= w.TMin) {
		return fmt.Errorf("fit.t_min = %v, fit.t_max = %v out of range: want finite 0 ≤ t_min < t_max "+
			"(0 for automatic)", w.TMin, w.TMax)
	}
	return nil
}

// Rate is a fitted exponential rate of the field amplitude, with the window it used.
type Rate struct {
	Gamma float64 // growth rate of the amplitude |E| (negative for damping), 1/ω_p
	Omega float64 // real frequency, ω_p (0 when not measured)
	// LogW0 is the intercept of the fitted line log W = LogW0 + 2γt.
	LogW0 float64
	// R2 is the coefficient of determination of the log-linear regression.
	R2         float64
	TMin, TMax float64 // the times of the first and last point used
	Points     int
	// Companions is the number of companion-mode terms FitOutCompanions fitted out.
	Companions int
}

// NonlinearAlpha is the perturbation amplitude above which Measure does not compare rates
// with linear theory (the nonlinear Landau benchmark uses α = 0.5).
const NonlinearAlpha = 0.05

// Fit errors.
var (
	ErrTooFewPoints       = errors.New("too few points in the fit window")
	ErrNoExponentialPhase = errors.New("no exponential phase")
)

// DampingRate fits a damped oscillation W(t) ∝ exp(2γt) cos²(ωt − φ) of the field energy. It
// locates the local maxima of W with t in [tmin, tmax], refines each by a parabola through
// log W at the three samples around it, and fits
//
//	log W_max = c + 2γ t_max            (least squares, gonum/stat)
//	t_max,n   = t_0 + n · π/ω            (maxima of E² come twice per period)
//
// so the decay rate of W is 2γ and the spacing of its maxima is half a period. Maxima below
// 1e-20 of the window's largest W are dropped (round-off level). At least three maxima are
// needed.
func DampingRate(t, w []float64, tmin, tmax float64) (Rate, error) {
	tm, lw := maxima(t, w, tmin, tmax)
	if len(tm) < 3 {
		return Rate{}, fmt.Errorf("damping fit%s: %w (%d maxima of the field energy, need 3)",
			windowText(tmin, tmax), ErrTooFewPoints, len(tm))
	}
	c0, slope := stat.LinearRegression(tm, lw, nil, false)
	r2 := stat.RSquared(tm, lw, nil, c0, slope)
	idx := make([]float64, len(tm))
	for i := range idx {
		idx[i] = float64(i)
	}
	_, half := stat.LinearRegression(idx, tm, nil, false)
	return Rate{Gamma: slope / 2, Omega: math.Pi / half, LogW0: c0, R2: r2, TMin: tm[0], TMax: tm[len(tm)-1],
		Points: len(tm)}, nil
}

// maxima returns the times and log values of the local maxima of w with t in [tmin, tmax],
// each refined by a parabola through log w at the three samples around it (uniform steps),
// leaving out maxima below 1e-20 of the window's largest w.
func maxima(t, w []float64, tmin, tmax float64) (tm, lw []float64) {
	var wmax float64
	for i := range w {
		if t[i] >= tmin && t[i] <= tmax {
			wmax = math.Max(wmax, w[i])
		}
	}
	for i := 1; i+1 < len(w); i++ {
		if t[i] < tmin || t[i] > tmax || !(w[i] > w[i-1] && w[i] >= w[i+1]) {
			continue
		}
		if !(w[i-1] > 0) || !(w[i+1] > 0) || w[i] < 1e-20*wmax {
			continue
		}
		a, b, c := math.Log(w[i-1]), math.Log(w[i]), math.Log(w[i+1])
		h0, h1 := t[i]-t[i-1], t[i+1]-t[i]
		tv, lv := t[i], b
		if h0 > 0 && h1 > 0 && math.Abs(h0-h1) < 1e-9*h0 {
			d := a - 2*b + c
			if d < 0 {
				s := 0.5 * (a - c) / d // vertex offset in units of h
				tv, lv = t[i]+s*h0, b-0.25*(a-c)*s
			}
		}
		tm = append(tm, tv)
		lw = append(lw, lv)
	}
	return tm, lw
}

// Growth-window bounds, as fractions: GrowthRate fits the samples whose field energy lies
// between GrowthFloor times the smallest W before saturation and GrowthCeiling times the
// saturation level (the largest W).
const (
	GrowthFloor   = 10
	GrowthCeiling = 0.01
	GrowthSpan    = 0.01
)

// MinGrowthWindow is the shortest growth window GrowthRate accepts, one plasma period 2π/ω_p at
// unit density: a shorter rise of the field energy is the rising half of an oscillation, not
// the exponential phase of an instability.
const MinGrowthWindow = 2 * math.Pi

// GrowthRate fits the exponential phase of an instability: W(t) ∝ exp(2γt). Within
// [tmin, tmax] it takes the saturation level W_sat = max W at time t_sat, the smallest W
// before t_sat, W_min, and keeps the samples before t_sat with
//
//	GrowthFloor · W_min ≤ W ≤ GrowthCeiling · W_sat,
//
// and W ≥ GrowthSpan · GrowthCeiling · W_sat: the two decades of W that end two decades below
// saturation, where trapping has not yet bent the curve, and start once the growing mode has
// outgrown the damped and neutral modes the initial perturbation also excites. The last
// contiguous run of such samples is used; W must rise tenfold across it and it must last at
// least MinGrowthWindow (ErrNoExponentialPhase otherwise: the perturbation started too close
// to saturation). The
// window is clean when the initial field energy lies well below GrowthSpan·GrowthCeiling·W_sat,
// that is α ≲ 1e-4 for the presets; larger α biases the rate by the beating of the modes.
// If the window holds at least four local maxima of W (a standing oscillation), the
// least-squares fit of log W against t goes through them, as in DampingRate; otherwise
// through every sample. At least four points are needed.
func GrowthRate(t, w []float64, tmin, tmax float64) (Rate, error) {
	isat := -1
	for i := range w {
		if t[i] >= tmin && t[i] <= tmax && (isat < 0 || w[i] > w[isat]) {
			isat = i
		}
	}
	win := windowText(tmin, tmax)
	if isat < 0 {
		return Rate{}, fmt.Errorf("growth fit%s: %w (no samples)", win, ErrTooFewPoints)
	}
	wmin := math.Inf(1)
	for i := 0; i < isat; i++ {
		if t[i] >= tmin && w[i] > 0 {
			wmin = math.Min(wmin, w[i])
		}
	}
	if math.IsInf(wmin, 1) {
		return Rate{}, fmt.Errorf("growth fit%s: %w: the field energy never rises: this run has "+
			"no growth phase (fit.mode = growth); use fit.mode = damping or auto", win,
			ErrNoExponentialPhase)
	}
	lo, hi := math.Max(GrowthFloor*wmin, GrowthSpan*GrowthCeiling*w[isat]), GrowthCeiling*w[isat]
	var ts, lw []float64
	var sel []int
	for i := 0; i < isat; i++ {
		if t[i] >= tmin && w[i] >= lo && w[i] <= hi {
			sel = append(sel, i)
		}
	}
	// Keep the last contiguous run, the one that leads into saturation.
	for j := len(sel) - 1; j > 0; j-- {
		if sel[j-1] != sel[j]-1 {
			sel = sel[j:]
			break
		}
	}
	if len(sel) < 4 {
		return Rate{}, fmt.Errorf("growth fit%s: %w (%d samples with the field energy W "+
			"between %.3g and %.3g, need 4)", win, ErrTooFewPoints, len(sel), lo, hi)
	}
	// The window must show growth, whichever fit then runs through it.
	if rise := w[sel[len(sel)-1]] / w[sel[0]]; !(rise >= 10) {
		return Rate{}, fmt.Errorf("growth fit%s: %w: the field energy rises by a factor "+
			"%.3g in the window, need 10 (the perturbation starts too close to saturation; "+
			"lower init.alpha)", win, ErrNoExponentialPhase, rise)
	}
	if span := t[sel[len(sel)-1]] - t[sel[0]]; span < MinGrowthWindow {
		return Rate{}, fmt.Errorf("growth fit%s: %w: the window [%.3g, %.3g] is shorter "+
			"than a plasma period (the perturbation starts too close to saturation; lower "+
			"init.alpha)", win, ErrNoExponentialPhase, t[sel[0]], t[sel[len(sel)-1]])
	}
	if r, err := DampingRate(t, w, t[sel[0]], t[sel[len(sel)-1]]); err == nil && r.Points >= 4 {
		return r, nil
	}
	for _, i := range sel {
		ts = append(ts, t[i])
		lw = append(lw, math.Log(w[i]))
	}
	c, slope := stat.LinearRegression(ts, lw, nil, false)
	return Rate{Gamma: slope / 2, LogW0: c, R2: stat.RSquared(ts, lw, nil, c, slope), TMin: ts[0],
		TMax: ts[len(ts)-1], Points: len(ts)}, nil
}

// Measure fits the rate the configuration calls for from the field energy of h and puts it
// beside the linear theory of Theory, with the conservation drifts of the run:
//
//	gamma, omega            fitted rate (amplitude) and frequency
//	fit_t_min, fit_t_max    the fit window; fit_log_w0 the line's log W at t = 0
//	gamma_theory, ...       the least damped / fastest growing root of ε(ω, k) = 0
//	gamma_rel_error, ...    (measured − theory)/|theory|
//	mass_drift, ...         max |q(t) − q(0)| / |q(0)| over the run (momentum: absolute)
//
// Fit errors do not fail Measure: they are reported under "fit_error".
func (m *Model) Measure(h *sim.History) (map[string]any, error) {
	t, w := h.Column("t"), h.Column("field_energy")
	if t == nil || w == nil {
		return nil, errors.New("vlasov: history lacks the t or field_energy column")
	}
	out := map[string]any{"initial_condition": m.cfg.Init.Describe(), "dt": m.dt,
		"recurrence_time": m.RecurrenceTime()}
	// Linear theory describes the measured rates only for small perturbations; above
	// NonlinearAlpha its root is reported under other keys and not compared.
	linear := m.cfg.Init.Alpha <= NonlinearAlpha
	if m.thErr == nil {
		if linear {
			out["omega_theory"], out["gamma_theory"] = real(m.theory), imag(m.theory)
		} else {
			out["omega_linear_theory"], out["gamma_linear_theory"] = real(m.theory), imag(m.theory)
			out["theory_note"] = "α is not small: the measured rates are nonlinear and not " +
				"compared with the linear root"
		}
	} else {
		out["theory_error"] = m.thErr.Error()
	}
	mode := m.cfg.Fit.Mode
	if mode == "" || mode == FitAuto {
		mode = FitGrowth
		if m.thErr == nil && imag(m.theory) < 0 {
			mode = FitDamping
		}
	}
	tmin, tmax := m.cfg.Fit.TMin, m.cfg.Fit.TMax
	if tmax == 0 {
		tmax = math.Inf(1)
		if mode == FitDamping {
			// Half the recurrence time: the recurrent echo of the initial perturbation is
			// still negligible there.
			tmax = 0.5 * m.RecurrenceTime()
		}
	}
	// The nonlinear Landau benchmark is measured by its early and late rates against the
	// published ones (measureNonlinearLandau), not by one fit over a window of the deck.
	nonlinearLandau := mode != FitNone && m.isNonlinearLandau()
	if mode != FitNone && !nonlinearLandau {
		out["fit_mode"] = mode
		var r Rate
		var err error
		if mode == FitDamping {
			r, err = DampingRate(t, w, tmin, tmax)
		} else {
			r, err = GrowthRate(t, w, tmin, tmax)
		}
		if err == nil && mode == FitGrowth && m.thErr == nil && linear {
			// Remove the beating of the other roots the perturbation excited.
			if rc, e := FitOutCompanions(t, w, r, m.theory, m.roots); e == nil {
				r = rc
			} else {
				out["fit_companions_error"] = e.Error()
			}
		}
		if err == nil && mode == FitGrowth {
			// The field energy of a travelling wave does not oscillate: the frequency comes
			// from the phase of the field's Fourier mode, and only where theory has one.
			r.Omega = 0
			re, im := h.Column("e_mode_re"), h.Column("e_mode_im")
			if o := real(m.theory); m.thErr == nil && math.Abs(o) > 1e-9 && re != nil && im != nil {
				if wm, e := PhaseFrequency(t, re, im, r.TMin, r.TMax, 1.5*math.Abs(o)); e == nil {
					r.Omega = wm
				} else {
					out["omega_error"] = e.Error()
				}
			}
		}
		if err != nil {
			out["fit_error"] = err.Error()
		} else {
			if r.Companions > 0 {
				out["fit_companions"] = r.Companions
			}
			out["gamma"], out["fit_t_min"], out["fit_t_max"] = r.Gamma, r.TMin, r.TMax
			out["fit_points"], out["fit_r2"], out["fit_log_w0"] = r.Points, r.R2, r.LogW0
			if r.Omega != 0 {
				out["omega"] = r.Omega
			}
			if m.thErr == nil && linear {
				if g := imag(m.theory); g != 0 {
					out["gamma_rel_error"] = (r.Gamma - g) / math.Abs(g)
				}
				if o := real(m.theory); o != 0 && r.Omega != 0 {
					out["omega_rel_error"] = (r.Omega - o) / math.Abs(o)
				}
			}
		}
	}
	if nonlinearLandau {
		m.measureNonlinearLandau(t, w, out)
	}
	for _, c := range []struct {
		col      string
		absolute bool
	}{{"mass", false}, {"momentum", true}, {"total_energy", false}, {"l2", false},
		{"entropy", false}} {
		if d, ok := h.Drift(c.col, c.absolute); ok {
			out[c.col+"_drift"] = d
		}
	}
	if v := h.Column("min_f"); len(v) > 0 {
		mn := v[0]
		for _, x := range v {
			mn = math.Min(mn, x)
		}
		out["min_f"] = mn
	}
	return out, nil
}

// isNonlinearLandau reports whether the run is the nonlinear Landau damping benchmark of
// NonlinearLandauRates (unit Maxwellian, k = 0.5, α = 0.5).
func (m *Model) isNonlinearLandau() bool {
	in := m.cfg.Init
	return in.Profile == Maxwellian && math.Abs(in.K-NonlinearLandauK) < 1e-12 &&
		math.Abs(in.Alpha-NonlinearLandauAlpha) < 1e-12
}

// measureNonlinearLandau adds the early and late rates of NonlinearLandauRates beside their
// references: gamma_early, gamma_late (with _t_min, _t_max, _reference, _reference_source,
// _rel_error), or the reason under gamma_early_error / gamma_late_error.
func (m *Model) measureNonlinearLandau(t, w []float64, out map[string]any) {
	early, late, err := NonlinearLandauRates(t, w)
	for _, q := range []struct {
		name string
		r    Rate
		ref  float64
	}{{"gamma_early", early, NonlinearLandauGammaEarly}, {"gamma_late", late, NonlinearLandauGammaLate}} {
		out[q.name+"_reference"] = q.ref
		out[q.name+"_reference_source"] = NonlinearLandauReference
		if q.r.Points == 0 {
			if err != nil {
				out[q.name+"_error"] = err.Error()
			}
			continue
		}
		out[q.name] = q.r.Gamma
		out[q.name+"_t_min"], out[q.name+"_t_max"] = q.r.TMin, q.r.TMax
		out[q.name+"_rel_error"] = (q.r.Gamma - q.ref) / math.Abs(q.ref)
	}
}
