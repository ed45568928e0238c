// Package problem defines the spatially inhomogeneous initial data that the kinetic models
// (Vlasov–Poisson–Landau, Vlasov–Poisson–Fokker–Planck) and the Euler–Poisson fluid of
// kinsolve share: a local Maxwellian
//
//	f0(x, v) = ρ(x) / (2πT(x))^(d/2) · exp(−|v − u(x) e_x|² / (2T(x)))
//
// given by its density, drift (along x) and temperature profiles on a periodic interval, in
// d = 1 or 2 velocity dimensions. Kinetic models sample f0 on their grid; the fluid starts from
// the discrete moments of that sample (Moments), so that every model sees the same data.
//
// Presets:
//
//   - CollisionalLandau: ρ = 1 + α cos kx, u = 0, T = 1 on L = 2π/k (Landau damping; with
//     collisions it is damped by both phase mixing and collisions).
//   - SodPlasma: a periodic shock tube. The interval [0, L) holds a dense, hot slab
//     ρ = ρ_H, T = T_H on [L/4, 3L/4) and the thin, cool state ρ_L, T_L outside it, joined by
//     tanh profiles of width w ≤ L/32 at x = L/4 and x = 3L/4. Periodic ends with two jumps keep the
//     problem on the periodic grids of the solvers; the two Riemann problems are mirror
//     images. The electrons move against a uniform neutralising background, so the charge of
//     the jumps drives plasma oscillations on top of the gas dynamics: the field is part of
//     the problem, as it is of the Euler–Poisson limit. The smooth jumps (w a few cells) keep
//     the high-order semi-Lagrangian transport free of Gibbs oscillations.
package problem

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// Problem is local-Maxwellian initial data on the periodic interval [0, L).
type Problem struct {
	Name string
	L    float64
	// Density, Drift and Temperature are the profiles ρ(x) > 0, u(x) (along x) and T(x) > 0.
	Density, Drift, Temperature func(x float64) float64
}

// Sample returns f0 sampled at the nodes of g. It returns an error if the profiles are not
// positive or if the Maxwellian at some x is not negligible at the velocity box edge (above
// 1e-6 of its peak at |v_x| = V), where the periodic velocity shifts would wrap it around.
func (p Problem) Sample(g *grid.Grid) ([]float64, error) {
	if math.Abs(g.X.Length()-p.L) > 1e-12*p.L {
		return nil, fmt.Errorf("problem %s: grid length %v differs from the problem's period %v",
			p.Name, g.X.Length(), p.L)
	}
	f := g.NewField()
	vmax := -g.Vx.Min
	d := float64(g.VDim)
	for ix := 0; ix < g.X.N; ix++ {
		x := g.X.Node(ix)
		rho, u, temp := p.Density(x), p.Drift(x), p.Temperature(x)
		if !(rho > 0) || !(temp > 0) || math.IsNaN(u) || math.IsInf(rho+temp+u, 0) {
			return nil, fmt.Errorf("problem %s: at x = %.4g density %v, temperature %v, drift %v: "+
				"density and temperature must be finite and > 0", p.Name, x, rho, temp, u)
		}
		edge := (vmax - math.Abs(u)) * (vmax - math.Abs(u)) / (2 * temp)
		if edge < -math.Log(1e-6) {
			return nil, fmt.Errorf("problem %s: velocity box V = %v out of range: the Maxwellian "+
				"with u = %.3g, T = %.3g at x = %.4g is above 1e-6 of its peak at the edge; "+
				"need V >= %.3g", p.Name, vmax, u, temp, x, math.Abs(u)+math.Sqrt(2*temp*13.8155))
		}
		norm := rho / math.Pow(2*math.Pi*temp, d/2)
		for i := 0; i < g.Vx.N; i++ {
			vx := g.Vx.Node(i) - u
			for j := 0; j < g.Vy.N; j++ {
				v2 := vx * vx
				if g.VDim == 2 {
					vy := g.Vy.Node(j)
					v2 += vy * vy
				}
				f[g.Index(ix, i, j)] = norm * math.Exp(-v2/(2*temp))
			}
		}
	}
	return f, nil
}

// CollisionalLandau returns ρ = 1 + α cos kx, u = 0, T = 1 on [0, 2π/k). It returns an error
// unless k > 0 and 0 ≤ α < 1.
func CollisionalLandau(k, alpha float64) (Problem, error) {
	if !(k > 0) || math.IsInf(k, 0) {
		return Problem{}, fmt.Errorf("problem: init.k = %v out of range: must be finite and > 0", k)
	}
	if !(alpha >= 0 && alpha < 1) {
		return Problem{}, fmt.Errorf("problem: init.alpha = %v out of range: must be in [0, 1)", alpha)
	}
	return Problem{
		Name:        "collisional-landau",
		L:           2 * math.Pi / k,
		Density:     func(x float64) float64 { return 1 + alpha*math.Cos(k*x) },
		Drift:       func(float64) float64 { return 0 },
		Temperature: func(float64) float64 { return 1 },
	}, nil
}

// Sod holds the parameters of SodPlasma.
type Sod struct {
	L              float64 // period
	RhoHigh, THigh float64 // slab on [L/4, 3L/4)
	RhoLow, TLow   float64 // outside
	Width          float64 // tanh width w of the jumps
}

// DefaultSod returns L = 16, ρ_H = 1.2, T_H = 1.2, ρ_L = 0.8, T_L = 0.8, w = 0.5: mean density
// one, a pressure ratio 2.25, and a peak initial field 0.8.
func DefaultSod() Sod {
	return Sod{L: 16, RhoHigh: 1.2, THigh: 1.2, RhoLow: 0.8, TLow: 0.8, Width: 0.5}
}

// SodPlasma returns the periodic shock-tube problem described in the package documentation.
func SodPlasma(s Sod) (Problem, error) {
	for _, c := range []struct {
		name string
		v    float64
	}{{"init.length", s.L}, {"init.rho_high", s.RhoHigh}, {"init.t_high", s.THigh},
		{"init.rho_low", s.RhoLow}, {"init.t_low", s.TLow}, {"init.width", s.Width}} {
		if !(c.v > 0) || math.IsInf(c.v, 0) {
			return Problem{}, fmt.Errorf("problem: %s = %v out of range: must be finite and > 0",
				c.name, c.v)
		}
	}
	if s.Width > s.L/32 {
		return Problem{}, fmt.Errorf("problem: init.width = %v out of range: must be at most "+
			"L/32 = %v so that the jumps stay apart and the profile is smooth across the "+
			"period", s.Width, s.L/32)
	}
	// step is 1 inside the slab and 0 outside, with tanh edges. With w ≤ L/32 the slope
	// mismatch across x = 0 is below sech²(8)/w ≈ 5e-7/w.
	step := func(x float64) float64 {
		x = math.Mod(x, s.L)
		if x < 0 {
			x += s.L
		}
		return 0.5 * (math.Tanh((x-s.L/4)/s.Width) - math.Tanh((x-3*s.L/4)/s.Width))
	}
	mix := func(lo, hi float64) func(float64) float64 {
		return func(x float64) float64 { return lo + (hi-lo)*step(x) }
	}
	return Problem{
		Name:        "sod-plasma",
		L:           s.L,
		Density:     mix(s.RhoLow, s.RhoHigh),
		Drift:       func(float64) float64 { return 0 },
		Temperature: mix(s.TLow, s.THigh),
	}, nil
}
