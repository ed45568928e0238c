// Package kinetic holds what the collisional kinetic models of kinsolve (Vlasov–Poisson–
// Fokker–Planck, Vlasov–Poisson–Landau) share on top of vlasov.Transport: their table of
// diagnostics (from vlasov.Transport.Diagnostics), the choice of time step, and the fit of a
// damping rate from the field-energy history.
//
// Diagnostics (midpoint sums over the grid, E the field on the x nodes):
//
//	mass           ∫∫ f dv dx
//	momentum       ∫∫ v_x f dv dx
//	kinetic_energy ½∫∫ |v|² f dv dx
//	field_energy   ½∫ E² dx
//	total_energy   kinetic_energy + field_energy
//	entropy        ∫∫ f log f dv dx over the cells where f > 0
//	min_f          the smallest value of f (negative values flag under-resolution)
package kinetic

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// Columns returns the diagnostic names of a kinetic model, "t" first.
func Columns() []string {
	return []string{"t", "mass", "momentum", "kinetic_energy", "field_energy", "total_energy",
		"entropy", "min_f"}
}

// Diagnose returns the diagnostics of the state of tr at time t, in Columns order.
func Diagnose(t float64, tr *vlasov.Transport) []float64 {
	d := tr.Diagnostics()
	return []float64{t, d.Mass, d.Momentum, d.Kinetic, d.Field, d.Kinetic + d.Field, d.Entropy,
		d.MinF}
}

// TransportStep returns the time step set by the transport alone: cfl times the time a
// particle at the box speed V takes to cross one x cell, cfl·h_x/V. The semi-Lagrangian shifts
// are stable for any step; cfl bounds the shift per step and so the splitting error.
func TransportStep(g *grid.Grid, cfl float64) (float64, error) {
	if !(cfl > 0) || math.IsInf(cfl, 0) {
		return 0, fmt.Errorf("time.cfl = %v out of range: must be finite and > 0", cfl)
	}
	return cfl * g.X.H / -g.Vx.Min, nil
}

// CheckFinite returns an error naming the first non-finite value of f.
func CheckFinite(g *grid.Grid, f []float64) error {
	for i, v := range f {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			nv := g.Nv()
			return fmt.Errorf("f is %v at x = %.4g", v, g.X.Node(i/nv))
		}
	}
	return nil
}

// Fit is a damping-rate fit of a field-energy history: log W ≈ LogW0 + 2·Gamma·t through the
// maxima between TMin and TMax (the times of the first and last maxima used), and the
// frequency Omega from their spacing.
type Fit struct {
	Gamma, Omega, LogW0, TMin, TMax float64
	Maxima                          int
}

// DampingRate fits the decay rate γ of the field amplitude from a field-energy history: the
// field energy of a damped Langmuir wave oscillates as exp(2γt) cos²(ωt − φ), so a
// least-squares line through the logarithms of its local maxima (refined by a parabola through
// the three samples around each) between tMin and tMax has slope 2γ; ω = π / (mean spacing
// of the maxima). It returns an error with fewer than three maxima in the window.
func DampingRate(t, fe []float64, tMin, tMax float64) (Fit, error) {
	var pt, pl []float64
	for i := 1; i+1 < len(fe); i++ {
		if t[i] < tMin || t[i] > tMax {
			continue
		}
		y0, y1, y2 := fe[i-1], fe[i], fe[i+1]
		if y1 > y0 && y1 >= y2 && y0 > 0 && y2 > 0 {
			l0, l1, l2 := math.Log(y0), math.Log(y1), math.Log(y2)
			den := l0 - 2*l1 + l2
			off := 0.0
			if den < 0 {
				off = 0.5 * (l0 - l2) / den
			}
			h := 0.5 * (t[i+1] - t[i-1])
			pt = append(pt, t[i]+off*h)
			pl = append(pl, l1-0.25*(l0-l2)*off)
		}
	}
	if len(pt) < 3 {
		return Fit{}, fmt.Errorf("kinetic: %d field-energy maxima in [%g, %g], need at least 3",
			len(pt), tMin, tMax)
	}
	var st, sl, stt, stl float64
	for i := range pt {
		st += pt[i]
		sl += pl[i]
		stt += pt[i] * pt[i]
		stl += pt[i] * pl[i]
	}
	n := float64(len(pt))
	slope := (n*stl - st*sl) / (n*stt - st*st)
	return Fit{
		Gamma:  slope / 2,
		Omega:  math.Pi * float64(len(pt)-1) / (pt[len(pt)-1] - pt[0]),
		LogW0:  (sl - slope*st) / n,
		TMin:   pt[0],
		TMax:   pt[len(pt)-1],
		Maxima: len(pt),
	}, nil
}
