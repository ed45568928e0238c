package vlasov

import (
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// PhaseDiagnostics are the integrals of a phase-space state that every kinetic model reports
// (midpoint sums over the grid, E on the x nodes):
//
//	Mass      ∫∫ f dv dx
//	Momentum  ∫∫ v_x f dv dx
//	Kinetic   ½ ∫∫ |v|² f dv dx
//	Field     ½ ∫ E² dx
//	L1, L2    ∫∫ |f| dv dx and (∫∫ f² dv dx)^½
//	Entropy   ∫∫ f log f dv dx over the cells where f > 0 (Boltzmann's H, non-increasing
//	          under collisions)
//	MinF      the smallest value of f (negative values flag under-resolution)
type PhaseDiagnostics struct {
	Mass, Momentum, Kinetic, Field, L1, L2, Entropy, MinF float64
}

// Diagnostics returns the phase-space integrals of the current state.
func (t *Transport) Diagnostics() PhaseDiagnostics {
	g := t.G
	nvx, nvy := g.Vx.N, g.Vy.N
	var d PhaseDiagnostics
	d.MinF = math.Inf(1)
	var l2 float64
	for ix := 0; ix < g.X.N; ix++ {
		blk := g.Block(t.F, ix)
		for i := 0; i < nvx; i++ {
			vx := g.Vx.Node(i)
			var s float64
			for j, f := range blk[i*nvy : (i+1)*nvy] {
				s += f
				d.Kinetic += f * g.VSquared(i, j)
				d.L1 += math.Abs(f)
				l2 += f * f
				if f > 0 {
					d.Entropy += f * math.Log(f)
				}
				d.MinF = math.Min(d.MinF, f)
			}
			d.Mass += s
			d.Momentum += vx * s
		}
	}
	cell := g.X.H * g.DV()
	d.Mass *= cell
	d.Momentum *= cell
	d.Kinetic *= 0.5 * cell
	d.L1 *= cell
	d.L2 = math.Sqrt(l2 * cell)
	d.Entropy *= cell
	for _, e := range t.E {
		d.Field += e * e
	}
	d.Field *= 0.5 * g.X.H
	return d
}

// Fields returns the distribution f (axes x, vx[, vy]) and the field E (axis x) as snapshots,
// sharing the transport's storage.
func (t *Transport) Fields() []sim.Field {
	g := t.G
	x := g.X.Nodes()
	f := sim.Field{Name: "f", Axes: []string{"x", "vx"}, Shape: []int{g.X.N, g.Vx.N},
		Data: t.F, Coords: [][]float64{x, g.Vx.Nodes()}}
	if g.VDim == 2 {
		f.Axes = append(f.Axes, "vy")
		f.Shape = append(f.Shape, g.Vy.N)
		f.Coords = append(f.Coords, g.Vy.Nodes())
	}
	e := sim.Field{Name: "E", Axes: []string{"x"}, Shape: []int{g.X.N}, Data: t.E,
		Coords: [][]float64{x}}
	return []sim.Field{f, e}
}

// Moments returns the midpoint-rule velocity moments of f on g: density ∫ f dv, momentum
// density ∫ v_x f dv and energy density ½ ∫ |v|² f dv at each x node.
func Moments(g *grid.Grid, f []float64) sim.Moments {
	nx, nv := g.X.N, g.Nv()
	m := sim.Moments{X: g.X.Nodes(), Density: make([]float64, nx), Momentum: make([]float64, nx),
		Energy: make([]float64, nx)}
	dv := g.DV()
	for ix := 0; ix < nx; ix++ {
		b := f[ix*nv : (ix+1)*nv]
		var r, p, e float64
		for i := 0; i < g.Vx.N; i++ {
			vx := g.Vx.Node(i)
			for j := 0; j < g.Vy.N; j++ {
				v := b[i*g.Vy.N+j]
				r += v
				p += vx * v
				e += g.VSquared(i, j) * v
			}
		}
		m.Density[ix], m.Momentum[ix], m.Energy[ix] = r*dv, p*dv, 0.5*e*dv
	}
	return m
}
