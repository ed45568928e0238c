package landau

import (
	"fmt"
	"testing"
)

// BenchmarkLandau times one evaluation of Q_L by the direct pair sum and by
// the FFT path, side by side, for γ = −3 in the Plain form.
func BenchmarkLandau(b *testing.B) {
	for _, n := range []int{32, 64, 128} {
		op, err := New(n, 6, Params{Gamma: -3, Lambda: 1}, Plain)
		if err != nil {
			b.Fatal(err)
		}
		f := bumps(op, 1)
		q := make([]float64, n*n)
		b.Run(fmt.Sprintf("Direct/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				op.Direct(q, f)
			}
		})
		b.Run(fmt.Sprintf("FFT/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				op.Apply(q, f)
			}
		})
	}
}

// BenchmarkBKW128 runs bkw at 128² to t = 1 once and reports the error.
func BenchmarkBKW128(b *testing.B) {
	for b.Loop() {
		c, _ := DefaultConfig(PresetBKW)
		c.N = 128
		h, err := NewHomogeneous(c)
		if err != nil {
			b.Fatal(err)
		}
		steps := 0
		for h.Time() < 1 {
			if _, err := h.StepTo(1); err != nil {
				b.Fatal(err)
			}
			steps++
		}
		d := h.Diagnose()
		b.ReportMetric(d[11], "relL2")
		b.ReportMetric(d[13], "m4")
		b.ReportMetric(float64(steps), "steps")
	}
}
