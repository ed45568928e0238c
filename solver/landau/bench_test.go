package landau

import (
	"flag"
	"fmt"
	"testing"
)

// bkw128 enables BenchmarkBKW128, which is too slow for every benchmark run.
var bkw128 = flag.Bool("bkw128", false, "run BenchmarkBKW128 (a whole BKW relaxation on 128², "+
	"about a minute per iteration on two cores)")

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

// BenchmarkBKW128 runs bkw at 128² to t = 1 once per iteration and reports the relative L2
// error against the exact BKW solution (relL2), the fourth moment m4 and the step count. It
// takes about a minute per iteration on two cores, so it is skipped unless the test binary
// gets -bkw128:
//
//	go test -run '^$' -bench BKW128 -benchtime 1x ./solver/landau -bkw128
func BenchmarkBKW128(b *testing.B) {
	if !*bkw128 {
		b.Skip("whole BKW run on 128²: enable with -bkw128")
	}
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
