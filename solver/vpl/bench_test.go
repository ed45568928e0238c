package vpl

import (
	"testing"
)

// BenchmarkStep times one step on sod-plasma (64 × 16², Coulomb Landau): the IMEX, IMEX2 and
// explicit steps side by side. Per unit of simulated time the explicit scheme needs
// dt_transport/(ε/λ_max) times more steps when ε/λ_max is below the transport step.
func BenchmarkStep(b *testing.B) {
	for _, sc := range []Scheme{IMEX, IMEX2, Explicit} {
		b.Run(sc.String(), func(b *testing.B) {
			g, f, _, op := sodSetup(b, 64, 16)
			m, err := New(g, f, op, Settings{Eps: 1, Dt: 0.02, Scheme: sc})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := m.Step(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
