package vlasov

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// windowText describes the time window [tmin, tmax] of a fit for messages, leaving out the
// bounds that do not restrict it (tmin ≤ 0, tmax = +Inf).
func windowText(tmin, tmax float64) string {
	lo, hi := tmin > 0, !math.IsInf(tmax, 1)
	switch {
	case lo && hi:
		return fmt.Sprintf(" on t ∈ [%.4g, %.4g]", tmin, tmax)
	case lo:
		return fmt.Sprintf(" on t ≥ %.4g", tmin)
	case hi:
		return fmt.Sprintf(" on t ≤ %.4g", tmax)
	}
	return ""
}

// CompanionFloor is the relative amplitude below which FitOutCompanions leaves a companion
// mode out: mode j is fitted when exp((γ_j − γ_0)·t_start) > CompanionFloor, that is when,
// started at the amplitude of the growing mode, it has not yet fallen a thousandfold
// behind it at the start of the window.
const CompanionFloor = 1e-3

// FitOutCompanions refits the growth rate of r on the samples of its window [r.TMin, r.TMax]
// with the beating of the other modes of the dispersion relation removed. A perturbation
// cos(kx) excites every root ω_j of ε(ω, k) = 0, so with ω_0 the growing root the amplitude
// of the field is |E| ∝ e^{γt}|1 + Σ_j δ_j e^{(γ_j − γ)t − iΩ_j t}|, Ω_j = Re ω_j − Re ω_0, and
// to first order in the δ_j
//
//	½ log W = c + γt + Σ_j e^{(γ_j − γ)(t − t_s)} [a_j cos Ω_j(t − t_s) + b_j sin Ω_j(t − t_s)],
//
// with t_s the window's start. Only the companions' roots come from theory: c, γ, a_j, b_j
// are fitted by linear least squares (gonum/mat QR), and the envelope rate γ_j − γ is
// iterated to self-consistency with the fitted γ. Companions whose beat frequencies lie
// within the window's resolution 2π/(t_max − t_min) of each other (the pair ω, −ω̄ of a
// symmetric profile, say) share the terms of the least damped one; beats slower than that
// resolution, and companions below CompanionFloor, are left out. With no companion to fit
// out, r is returned unchanged.
func FitOutCompanions(t, w []float64, r Rate, omega0 complex128, others []complex128) (Rate, error) {
	type comp struct{ omega, gamma float64 }
	var cs []comp
	for _, o := range others {
		if cmplx.Abs(o-omega0) < 1e-6 ||
			!(math.Exp((imag(o)-imag(omega0))*r.TMin) > CompanionFloor) {
			continue
		}
		om := math.Abs(real(o) - real(omega0))
		// A beat slower than one period per window cannot be told from the trend, and two
		// beats closer than that cannot be told apart: keep the less damped one.
		res := 2 * math.Pi / (r.TMax - r.TMin)
		dup := om < res
		for _, c := range cs {
			if math.Abs(c.omega-om) < res {
				dup = true
			}
		}
		if !dup {
			cs = append(cs, comp{om, imag(o)})
		}
	}
	if len(cs) == 0 {
		return r, nil
	}
	var ts, y []float64
	for i := range t {
		if t[i] >= r.TMin && t[i] <= r.TMax && w[i] > 0 {
			ts = append(ts, t[i])
			y = append(y, 0.5*math.Log(w[i]))
		}
	}
	ncol := 2 + 2*len(cs)
	if len(ts) < ncol+4 {
		return r, fmt.Errorf("growth fit on t ∈ [%.4g, %.4g]: %w (%d samples for %d "+
			"parameters)", r.TMin, r.TMax, ErrTooFewPoints, len(ts), ncol)
	}
	ts0 := ts[0]
	gamma := r.Gamma
	a := mat.NewDense(len(ts), ncol, nil)
	b := mat.NewVecDense(len(ts), y)
	var x mat.VecDense
	for it := 0; it < 50; it++ {
		for i, ti := range ts {
			a.Set(i, 0, 1)
			a.Set(i, 1, ti)
			col := 2
			for _, c := range cs {
				env := math.Exp((c.gamma - gamma) * (ti - ts0))
				s, co := math.Sincos(c.omega * (ti - ts0))
				a.Set(i, col, env*co)
				a.Set(i, col+1, env*s)
				col += 2
			}
		}
		if err := x.SolveVec(a, b); err != nil {
			return r, fmt.Errorf("growth fit on t ∈ [%.4g, %.4g]: companion modes: %w",
				r.TMin, r.TMax, err)
		}
		g := x.AtVec(1)
		done := math.Abs(g-gamma) < 1e-10*(1+math.Abs(g))
		gamma = g
		if done {
			break
		}
	}
	var fit mat.VecDense
	fit.MulVec(a, &x)
	var ssr, sst float64
	mean := stat.Mean(y, nil)
	for i := range y {
		ssr += (y[i] - fit.AtVec(i)) * (y[i] - fit.AtVec(i))
		sst += (y[i] - mean) * (y[i] - mean)
	}
	out := r
	out.Gamma, out.LogW0, out.Points = gamma, 2*x.AtVec(0), len(ts)
	out.TMin, out.TMax = ts[0], ts[len(ts)-1]
	out.R2 = 1 - ssr/sst
	out.Companions = len(cs)
	return out, nil
}

// PhaseFrequency measures the real frequency of the perturbation's Fourier mode
// Ê(t) = re + i·im of the field, E ∝ Re(Ê e^{ikx}), over [tmin, tmax]: a mode e^{i(kx − ωt)}
// has arg Ê = φ_0 − ωt, so ω is minus the least-squares slope of the unwrapped phase. The
// phase is unwrapped between successive samples, which needs |ω|·Δt < π; the error says
// so when the samples are too sparse for maxOmega (an upper bound of |ω|).
func PhaseFrequency(t, re, im []float64, tmin, tmax, maxOmega float64) (float64, error) {
	var ts, ph []float64
	for i := range t {
		if t[i] < tmin || t[i] > tmax {
			continue
		}
		p := math.Atan2(im[i], re[i])
		if n := len(ph); n > 0 {
			if dt := t[i] - ts[n-1]; maxOmega*dt >= math.Pi/2 {
				return 0, fmt.Errorf("frequency fit%s: diagnostics every %.3g are too sparse "+
					"to follow a phase turning at ω ≈ %.3g (need Δt < π/(2ω) = %.3g: lower "+
					"output.diag_every)", windowText(tmin, tmax), dt, maxOmega,
					math.Pi/(2*maxOmega))
			}
			p += 2 * math.Pi * math.Round((ph[n-1]-p)/(2*math.Pi))
		}
		ts = append(ts, t[i])
		ph = append(ph, p)
	}
	if len(ts) < 4 {
		return 0, fmt.Errorf("frequency fit%s: %w (%d samples, need 4)", windowText(tmin, tmax),
			ErrTooFewPoints, len(ts))
	}
	_, slope := stat.LinearRegression(ts, ph, nil, false)
	return -slope, nil
}

// Nonlinear Landau damping (Maxwellian, k = 0.5, α = 0.5): reference rates of the field
// amplitude. The early rate is fitted through the first two local maxima of the field
// energy (t ≈ 2.4 and 4.5), the late one through its 9th to 14th local maxima (t ≈ 23 to
// 36, the regrowth driven by trapped particles); both are half the slope of log W. The values
// are those of A. Hakim's simulation journal, entry JE14 "Studies with a DG electrostatic
// Vlasov solver" (github.com/ammarhakim/ammar-simjournal, je/je14, run s162: Gkeyll
// discontinuous Galerkin, 128×256 cells on [−2π, 2π]×[−6, 6], the same maxima windows); they
// lie in the range −0.28 to −0.29 and 0.08 to 0.09 that semi-Lagrangian and spectral studies
// of this benchmark report.
const (
	NonlinearLandauK             = 0.5
	NonlinearLandauAlpha         = 0.5
	NonlinearLandauGammaEarly    = -0.2916
	NonlinearLandauGammaLate     = 0.0879
	NonlinearLandauReference     = "Hakim, simulation journal JE14, run s162 (Gkeyll DG, 128×256)"
	nonlinearLandauEarlyMaxima   = 0 // first maximum of the early window (0-based)
	nonlinearLandauEarlyCount    = 2
	nonlinearLandauLateMaxima    = 8
	nonlinearLandauLateCount     = 6
	nonlinearLandauMinimumMaxima = nonlinearLandauLateMaxima + nonlinearLandauLateCount
)

// ErrRunTooShort reports a run that ends before the fit window it needs.
var ErrRunTooShort = errors.New("the run ends before the fit window")

// NonlinearLandauRates fits the early damping and the late growth of the field amplitude in
// nonlinear Landau damping, with the windows of the reference (NonlinearLandauReference):
// the line log W_max = c + 2γt through the local maxima of W numbered 1–2 (early) and 9–14
// (late), located as in DampingRate. The maxima are counted from t = 0, which is not one
// (W falls from its initial value). The late rate needs a run to t ≈ 37.
func NonlinearLandauRates(t, w []float64) (early, late Rate, err error) {
	tm, lw := maxima(t, w, 0, math.Inf(1))
	fit := func(i0, n int, what string) (Rate, error) {
		if len(tm) < i0+n {
			return Rate{}, fmt.Errorf("%s rate: %w (%d maxima of the field energy, need %d)",
				what, ErrRunTooShort, len(tm), i0+n)
		}
		x, y := tm[i0:i0+n], lw[i0:i0+n]
		c, slope := stat.LinearRegression(x, y, nil, false)
		r2 := 1.0
		if n > 2 {
			r2 = stat.RSquared(x, y, nil, c, slope)
		}
		return Rate{Gamma: slope / 2, LogW0: c, R2: r2, TMin: x[0], TMax: x[n-1], Points: n}, nil
	}
	early, err = fit(nonlinearLandauEarlyMaxima, nonlinearLandauEarlyCount, "early damping")
	if err != nil {
		return early, late, err
	}
	late, err = fit(nonlinearLandauLateMaxima, nonlinearLandauLateCount, "late growth")
	return early, late, err
}
