package landau

import "math"

// Moments are the velocity moments of a distribution f on the n×n grid of
// an Operator, computed with the midpoint rule (weight h² per node):
//
//	Mass = ∫ f,  (Px, Py) = ∫ v f,  Energy = ½ ∫ |v|² f,
//	T_ab = (1/Mass) ∫ (v_a − u_a)(v_b − u_b) f  with u = P/Mass,
//	Entropy = ∫ f log f (over nodes with f > 0),  MinF = min_i f_i.
//
// In the normalised units the temperature of a Maxwellian of unit thermal
// speed is T = I.
type Moments struct {
	Mass, Px, Py, Energy float64
	Txx, Txy, Tyy        float64
	Entropy, MinF        float64
	// M4 is the fourth moment E|v|⁴ = (1/Mass) ∫ |v|⁴ f.
	M4 float64
}

// Moments returns the moments of f, a distribution of length n².
func (op *Operator) Moments(f []float64) Moments {
	n := op.n
	op.checkLen("f", f, n*n)
	var m Moments
	var sxx, sxy, syy, s4 float64
	m.MinF = math.Inf(1)
	for i1 := 0; i1 < n; i1++ {
		vx := op.Node(i1)
		for i2 := 0; i2 < n; i2++ {
			vy := op.Node(i2)
			v := f[i1*n+i2]
			m.Mass += v
			m.Px += vx * v
			m.Py += vy * v
			sxx += vx * vx * v
			sxy += vx * vy * v
			syy += vy * vy * v
			r2 := vx*vx + vy*vy
			s4 += r2 * r2 * v
			if v > 0 {
				m.Entropy += v * math.Log(v)
			}
			m.MinF = min(m.MinF, v)
		}
	}
	h2 := op.h * op.h
	m.Mass *= h2
	m.Px *= h2
	m.Py *= h2
	sxx, sxy, syy, s4 = sxx*h2, sxy*h2, syy*h2, s4*h2
	m.Energy = 0.5 * (sxx + syy)
	m.Entropy *= h2
	ux, uy := m.Px/m.Mass, m.Py/m.Mass
	m.Txx = sxx/m.Mass - ux*ux
	m.Txy = sxy/m.Mass - ux*uy
	m.Tyy = syy/m.Mass - uy*uy
	m.M4 = s4 / m.Mass
	return m
}
