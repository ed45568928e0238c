package fluid

import (
	"math"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/sim"
)

// langmuir runs the isentropic Langmuir mode ρ = 1 + α cos kx, p = ρ^γ, u = 0 of the 1D
// adiabatic fluid on n cells to time tEnd and returns the measured angular frequency and
// amplitude decay rate of the field's sin(kx) mode.
func langmuir(t *testing.T, n int, k float64, lim Limiter, tEnd float64) (omega, rate float64) {
	return langmuirD(t, 1, n, k, lim, tEnd)
}

// langmuirD is langmuir for the closure of vdim velocity dimensions, γ = 1 + 2/vdim.
func langmuirD(t *testing.T, vdim, n int, k float64, lim Limiter, tEnd float64) (omega, rate float64) {
	t.Helper()
	gam := 1 + 2/float64(vdim)
	const alpha = 1e-3
	l := 2 * math.Pi / k
	m := sim.Moments{Density: make([]float64, n), Momentum: make([]float64, n),
		Energy: make([]float64, n)}
	for j := 0; j < n; j++ {
		x := float64(j) * l / float64(n)
		r := 1 + alpha*math.Cos(k*x)
		m.Density[j] = r
		m.Energy[j] = math.Pow(r, gam) / (gam - 1) // p/(γ−1) with p = ρ^γ
	}
	s := DefaultSettings(vdim)
	s.Limiter = lim
	s.MaxStep = 0.05
	ep, err := New(m, l, s)
	if err != nil {
		t.Fatal(err)
	}
	mode := func() float64 {
		var a float64
		for j, e := range ep.E {
			a += e * math.Sin(k*ep.X[j])
		}
		return 2 * a / float64(n)
	}
	ts, as := []float64{0}, []float64{mode()}
	for ep.Time() < tEnd {
		if _, err := ep.StepUntil(tEnd); err != nil {
			t.Fatal(err)
		}
		ts, as = append(ts, ep.Time()), append(as, mode())
	}
	omega, rate = fitOscillation(ts, as)
	return omega, rate
}

// fitOscillation measures the angular frequency from the first and last zero crossings
// (linear interpolation) and the decay rate from a least-squares line through the logarithms
// of the extrema (parabolic interpolation) of a sampled damped oscillation.
func fitOscillation(ts, as []float64) (omega, rate float64) {
	var zeros []float64
	var pt, pl []float64
	for i := 1; i < len(as); i++ {
		if as[i-1]*as[i] < 0 {
			zeros = append(zeros, ts[i-1]+(ts[i]-ts[i-1])*as[i-1]/(as[i-1]-as[i]))
		}
		if i+1 < len(as) && math.Abs(as[i]) >= math.Abs(as[i-1]) && math.Abs(as[i]) > math.Abs(as[i+1]) {
			y0, y1, y2 := math.Abs(as[i-1]), math.Abs(as[i]), math.Abs(as[i+1])
			d := y0 - 2*y1 + y2
			off := 0.5 * (y0 - y2) / d
			h := ts[i+1] - ts[i]
			pt = append(pt, ts[i]+off*h)
			pl = append(pl, math.Log(y1-0.25*(y0-y2)*off))
		}
	}
	if len(zeros) >= 2 {
		omega = math.Pi * float64(len(zeros)-1) / (zeros[len(zeros)-1] - zeros[0])
	}
	if len(pt) >= 2 {
		var st, sl, stt, stl float64
		for i := range pt {
			st += pt[i]
			sl += pl[i]
			stt += pt[i] * pt[i]
			stl += pt[i] * pl[i]
		}
		np := float64(len(pt))
		rate = (np*stl - st*sl) / (np*stt - st*st)
	}
	return omega, rate
}

// The Langmuir frequency of the adiabatic 1D fluid is ω = √(1 + 3k²) = 1.3229 at k = 0.5.
// The frequency error of the scheme is second order in h and the measurement's own error is
// far below 1e-3, so 1% is a loose bound already at 32 cells. The scheme's damping is
// numerical only: it must be small and must fall as the grid is refined.
func TestLangmuirWave(t *testing.T) {
	const k = 0.5
	want := math.Sqrt(1 + 3*k*k)
	prev := math.Inf(1)
	for _, n := range []int{32, 64, 128} {
		omega, rate := langmuir(t, n, k, MC, 30)
		t.Logf("N = %3d: ω = %.6f (relative error %.2e), amplitude rate %.3e", n, omega,
			omega/want-1, rate)
		if math.Abs(omega/want-1) > 0.01 {
			t.Errorf("N = %d: ω = %v, want %v within 1%%", n, omega, want)
		}
		if rate > 1e-4 {
			t.Errorf("N = %d: amplitude grows at rate %v", n, rate)
		}
		if -rate >= prev {
			t.Errorf("N = %d: damping %v does not fall with resolution (previous %v)", n, -rate, prev)
		}
		prev = -rate
	}
	if prev > 2e-3 {
		t.Errorf("numerical damping %v at N = 128, want below 2e-3", prev)
	}
	// The 2D-velocity closure, γ = 2: ω² = 1 + 2k².
	omega, rate := langmuirD(t, 2, 64, k, MC, 30)
	if want := math.Sqrt(1 + 2*k*k); math.Abs(omega/want-1) > 0.01 || rate > 1e-4 {
		t.Errorf("γ = 2: ω = %v (want %v), rate %v", omega, want, rate)
	}
}

// Mass is conserved to round-off, and fluid plus field energy to the scheme's accuracy, on a
// strongly non-linear two-state problem.
func TestConservationShock(t *testing.T) {
	const n, l = 128, 20.0
	m := sim.Moments{Density: make([]float64, n), Momentum: make([]float64, n),
		Energy: make([]float64, n)}
	for j := 0; j < n; j++ {
		x := float64(j) * l / n
		r, temp := 0.8, 0.8
		if x >= l/4 && x < 3*l/4 {
			r, temp = 1.2, 1.2
		}
		m.Density[j], m.Energy[j] = r, r*temp // W = (d/2)ρT with d = 2
	}
	ep, err := New(m, l, DefaultSettings(2))
	if err != nil {
		t.Fatal(err)
	}
	d0 := ep.Diagnose()
	for ep.Time() < 4 {
		if _, err := ep.StepUntil(4); err != nil {
			t.Fatal(err)
		}
	}
	d1 := ep.Diagnose()
	if r := math.Abs(d1[1]/d0[1] - 1); r > 1e-13 {
		t.Errorf("mass relative change %.2e, want < 1e-13", r)
	}
	if r := math.Abs(d1[5]/d0[5] - 1); r > 5e-3 {
		t.Errorf("total energy relative change %.2e, want < 5e-3", r)
	}
	t.Logf("mass change %.2e, momentum %.2e, total energy change %.2e",
		d1[1]/d0[1]-1, d1[2]-d0[2], d1[5]/d0[5]-1)
}

func TestBadInput(t *testing.T) {
	good := sim.Moments{Density: []float64{1, 1, 1, 1}, Momentum: make([]float64, 4),
		Energy: []float64{1, 1, 1, 1}}
	neg := sim.Moments{Density: []float64{1, -1, 1, 1}, Momentum: make([]float64, 4),
		Energy: []float64{1, 1, 1, 1}}
	for _, c := range []struct {
		m    sim.Moments
		s    Settings
		want string
	}{
		{good, Settings{VDim: 3, CFL: 0.5}, "velocity dimension"},
		{good, Settings{VDim: 1, CFL: 1.5}, "cfl"},
		{good, Settings{VDim: 1, CFL: 0.5, MaxStep: -1}, "max step"},
		{neg, DefaultSettings(1), "density"},
	} {
		_, err := New(c.m, 1, c.s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%v): error %v, want one naming %q", c.s, err, c.want)
		}
	}
}
