package driver

import (
	"strings"
	"testing"
)

// Runs that could never end are refused at set-up, naming the key and the allowed range: a
// t_end beyond MaxTEnd, a fixed dt that needs more than MaxSteps steps, and a CFL step of
// the collisionless model that does. Long but finite runs are accepted.
func TestTimeLimits(t *testing.T) {
	cases := []struct {
		preset string
		sets   []string
		want   string // "" for accepted
	}{
		{"landau-damping", []string{"time.t_end=1e300"},
			"time.t_end = 1e+300 out of range: must be in (0, 1e+06]"},
		{"bkw", []string{"time.t_end=1e300"},
			"time.t_end = 1e+300 out of range: must be in (0, 1e+06]"},
		{"sod-plasma", []string{"time.t_end=2e6"},
			"time.t_end = 2e+06 out of range: must be in (0, 1e+06]"},
		{"landau-damping", []string{"time.dt=1e-12"},
			"time.dt = 1e-12 out of range for time.t_end = 40: t_end/dt = 4e+13 steps, more " +
				"than 1e+08: allowed time.dt ≥ 4e-07 (or 0 for the CFL rule)"},
		{"landau-damping", []string{"time.cfl=1e-3", "time.t_end=1e4"},
			"time.t_end = 10000 out of range: with the step 3.27e-05 of the CFL rule " +
				"(time.cfl) the run would take 3.06e+08 steps, more than 1e+08: allowed " +
				"time.t_end ≤ 3.27e+03"},
		// 4e7 steps: long, but a user may want it.
		{"landau-damping", []string{"time.dt=1e-6"}, ""},
		{"landau-damping", []string{"time.t_end=1e6"}, ""},
	}
	for _, c := range cases {
		p, err := Prepare(presetDeck(t, c.preset, c.sets...))
		if p != nil {
			p.Close()
		}
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s %v: error %v, want none", c.preset, c.sets, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%s %v: error %v, want prefix %q", c.preset, c.sets, err, c.want)
		}
	}
}
