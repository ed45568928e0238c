package kinetic

import (
	"math"
	"testing"
)

// A sampled exp(2γt)cos²(ωt) is fitted to its γ and ω: the maxima fall on the samples' parabola
// to O(dt³), far below the tolerances.
func TestDampingRate(t *testing.T) {
	const g, w, dt = -0.1534, 1.4157, 0.01
	var ts, fe []float64
	for i := 0; i <= 3000; i++ {
		tt := float64(i) * dt
		ts = append(ts, tt)
		c := math.Cos(w*tt - 0.3)
		fe = append(fe, 1e-4*math.Exp(2*g*tt)*c*c)
	}
	fit, err := DampingRate(ts, fe, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(fit.Gamma-g) > 1e-4 || math.Abs(fit.Omega-w) > 1e-4 {
		t.Errorf("fit γ = %v, ω = %v, want %v, %v", fit.Gamma, fit.Omega, g, w)
	}
	// The maxima of exp(2γt)cos²(ωt − φ) sit where tan(ωt − φ) = γ/ω, below the envelope by
	// the factor 1/(1 + (γ/ω)²).
	want := math.Log(1e-4) - math.Log1p((g/w)*(g/w))
	if math.Abs(fit.LogW0-want) > 1e-4 {
		t.Errorf("log W0 = %v, want %v", fit.LogW0, want)
	}
	if _, err := DampingRate(ts[:50], fe[:50], 0, 30); err == nil {
		t.Errorf("two maxima: no error")
	}
}
