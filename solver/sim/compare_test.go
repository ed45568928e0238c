package sim

import (
	"math"
	"strings"
	"testing"
)

// drift is a toy MomentModel: a uniform density ρ(t) = exp(−t) on two cells, stepped exactly
// with a fixed step.
type drift struct{ t, dt float64 }

func (d *drift) Time() float64 { return d.t }
func (d *drift) Step() (float64, error) {
	return d.StepUntil(math.Inf(1))
}
func (d *drift) StepUntil(tEnd float64) (float64, error) {
	dt := min(d.dt, tEnd-d.t)
	d.t += dt
	return dt, nil
}
func (d *drift) Columns() []string   { return []string{"t"} }
func (d *drift) Diagnose() []float64 { return []float64{d.t} }
func (d *drift) Fields() []Field     { return nil }
func (d *drift) Moments() Moments {
	r := math.Exp(-d.t)
	return Moments{X: []float64{0, 1}, Density: []float64{r, r}, Momentum: []float64{0, 0},
		Energy: []float64{r, r}}
}

// Models with different steps land exactly on the common output times.
func TestRunMomentsSameTimes(t *testing.T) {
	a, b := &drift{dt: 0.3}, &drift{dt: 0.07}
	times := []float64{0, 0.5, 1}
	out, err := RunMoments([]MomentModel{a, b}, times)
	if err != nil {
		t.Fatal(err)
	}
	for j, tt := range times {
		dr, _, de, err := L1Distance(out[0][j], out[1][j], 1)
		if err != nil {
			t.Fatal(err)
		}
		// Both sit at tt up to the accumulated round-off of the step sums.
		if dr > 1e-12 || de > 1e-12 {
			t.Errorf("t = %v: distances %v, %v", tt, dr, de)
		}
		if got := out[0][j].Density[0]; math.Abs(got-math.Exp(-tt)) > 1e-12 {
			t.Errorf("t = %v: density %v, want %v", tt, got, math.Exp(-tt))
		}
	}
	if _, err := RunMoments([]MomentModel{&drift{dt: 0.1}}, []float64{1, 0.5}); err == nil ||
		!strings.Contains(err.Error(), "non-decreasing") {
		t.Errorf("decreasing times: error %v", err)
	}
	if _, err := RunMoments([]MomentModel{a}, []float64{0.5}); err == nil ||
		!strings.Contains(err.Error(), "already at") {
		t.Errorf("time in the past: error %v", err)
	}
}

func TestEveryAndL1(t *testing.T) {
	m := Moments{X: []float64{0, 1, 2, 3}, Density: []float64{1, 2, 3, 4},
		Momentum: []float64{0, 0, 0, 0}, Energy: []float64{1, 1, 1, 1}}
	e := m.Every(2)
	if len(e.Density) != 2 || e.Density[1] != 3 || e.X[1] != 2 {
		t.Errorf("Every(2) = %+v", e)
	}
	if _, _, _, err := L1Distance(m, e, 1); err == nil {
		t.Errorf("L1Distance of different lengths: no error")
	}
}
