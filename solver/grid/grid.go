// Package grid defines the phase-space grids of kinsolve: a periodic physical axis x on
// [0, L) and a velocity box [-V, V]^d (d = 1 or 2) with cell-centred points.
//
// A distribution function f on a Grid is one contiguous []float64 of length Nx·Nvx·Nvy
// (Nvy = 1 in 1X1V), stored x-major with v_y fastest:
//
//	f[(ix*Nvx + ivx)*Nvy + ivy] = f(x_ix, v_x[ivx], v_y[ivy])
//
// so that the velocity block of one spatial cell is contiguous (Nv = Nvx·Nvy values starting
// at ix·Nv). That block is what the collision operators act on and what a GPU kernel batches
// over spatial cells. Shifts along v_x have stride Nvy, shifts along x have stride Nv.
package grid

import (
	"fmt"
	"math"
)

// Axis is a uniform one-dimensional grid of N cells.
//
// A periodic axis covers [Min, Min+N·H) with nodes Min + i·H; a velocity axis covers
// [Min, Min+N·H] with cell-centred nodes Min + (i+½)·H.
type Axis struct {
	N        int
	Min, H   float64
	Centred  bool // nodes at cell centres (velocity axes)
	Periodic bool // the axis wraps around (the x axis)
}

// Node returns the coordinate of node i.
func (a Axis) Node(i int) float64 {
	if a.Centred {
		return a.Min + (float64(i)+0.5)*a.H
	}
	return a.Min + float64(i)*a.H
}

// Nodes returns all node coordinates.
func (a Axis) Nodes() []float64 {
	v := make([]float64, a.N)
	for i := range v {
		v[i] = a.Node(i)
	}
	return v
}

// Length returns the extent N·H of the axis.
func (a Axis) Length() float64 { return float64(a.N) * a.H }

// PeriodicAxis returns the axis x_i = i·L/n, i = 0..n-1, of the periodic interval [0, L).
func PeriodicAxis(n int, l float64) Axis {
	return Axis{N: n, Min: 0, H: l / float64(n), Periodic: true}
}

// VelocityAxis returns the cell-centred axis of n cells on [-vmax, vmax]:
// v_i = -vmax + (i+½)·2vmax/n.
func VelocityAxis(n int, vmax float64) Axis {
	return Axis{N: n, Min: -vmax, H: 2 * vmax / float64(n), Centred: true}
}

// Grid is a 1X1V or 1X2V phase-space grid.
type Grid struct {
	X  Axis // periodic, [0, L)
	Vx Axis // cell-centred, [-V, V]
	Vy Axis // cell-centred, [-V, V]; N = 1 and H = 1 in 1X1V so that sums need no special case
	// VDim is the number of velocity dimensions, 1 or 2.
	VDim int
}

// Limits on the grid sizes accepted by New.
const (
	MinCells = 4       // fewest cells along any axis
	MaxCells = 1 << 30 // most phase-space cells in all
	// MaxVelocity bounds the velocity box half-width V, in thermal speeds: 10⁴, far beyond
	// any Maxwellian tail, and small enough that |v|², the kinetic energy and every CFL
	// step stay finite and meaningful in float64.
	MaxVelocity = 1e4
	// MaxLength bounds the period L, in Debye lengths: 10⁹, beyond the longest wavelength
	// the models accept (2π/k for k ≥ 10⁻⁶) times any cell count, so that field energies
	// ∝ L stay finite.
	MaxLength = 1e9
)

// New returns the grid with nx periodic cells on [0, l) and nv cells per velocity dimension on
// [-vmax, vmax]^vdim. It returns an error that names the offending parameter if any is out of
// range.
func New(vdim, nx, nv int, l, vmax float64) (*Grid, error) {
	switch {
	case vdim != 1 && vdim != 2:
		return nil, fmt.Errorf("grid: velocity dimension %d out of range: must be 1 or 2", vdim)
	case nx < MinCells:
		return nil, fmt.Errorf("grid: nx = %d out of range: must be at least %d", nx, MinCells)
	case nv < MinCells:
		return nil, fmt.Errorf("grid: nv = %d out of range: must be at least %d", nv, MinCells)
	case !(l > 0 && l <= MaxLength):
		return nil, fmt.Errorf("grid: length L = %v out of range: must be in (0, %g]", l,
			MaxLength)
	case !(vmax > 0 && vmax <= MaxVelocity):
		return nil, fmt.Errorf("grid: velocity bound V = %v out of range: must be in (0, %g]",
			vmax, MaxVelocity)
	}
	cells := float64(nx) * math.Pow(float64(nv), float64(vdim))
	if cells > MaxCells {
		return nil, fmt.Errorf("grid: %d×%d^%d = %.3g cells out of range: at most %d", nx, nv, vdim, cells, MaxCells)
	}
	g := &Grid{X: PeriodicAxis(nx, l), Vx: VelocityAxis(nv, vmax), VDim: vdim}
	if vdim == 2 {
		g.Vy = VelocityAxis(nv, vmax)
	} else {
		g.Vy = Axis{N: 1, Min: 0, H: 1, Centred: false}
	}
	return g, nil
}

// Nv returns the number of velocity cells per spatial cell, Nvx·Nvy.
func (g *Grid) Nv() int { return g.Vx.N * g.Vy.N }

// Len returns the number of phase-space cells, the length of a distribution array.
func (g *Grid) Len() int { return g.X.N * g.Nv() }

// Index returns the position of (ix, ivx, ivy) in a distribution array.
func (g *Grid) Index(ix, ivx, ivy int) int { return (ix*g.Vx.N+ivx)*g.Vy.N + ivy }

// DV returns the velocity cell volume, H_vx (1X1V) or H_vx·H_vy (1X2V).
func (g *Grid) DV() float64 { return g.Vx.H * g.Vy.H }

// VSquared returns |v|² at velocity node (ivx, ivy); in 1X1V it is v_x².
func (g *Grid) VSquared(ivx, ivy int) float64 {
	vx := g.Vx.Node(ivx)
	if g.VDim == 1 {
		return vx * vx
	}
	vy := g.Vy.Node(ivy)
	return vx*vx + vy*vy
}

// Block returns the velocity block of spatial cell ix in f, length Nv, sharing f's storage.
func (g *Grid) Block(f []float64, ix int) []float64 {
	nv := g.Nv()
	return f[ix*nv : (ix+1)*nv : (ix+1)*nv]
}

// NewField allocates a zero distribution array on g.
func (g *Grid) NewField() []float64 { return make([]float64, g.Len()) }
