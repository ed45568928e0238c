// Package kinetic holds what the collisional kinetic models of kinsolve (Vlasov–Poisson–
// Fokker–Planck, Vlasov–Poisson–Landau) share on top of vlasov.Transport: their table of
// diagnostics (from vlasov.Transport.Diagnostics), the choice of time step and the check for
// non-finite states. Their damping rates are fitted with vlasov.DampingRate.
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
