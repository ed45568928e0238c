package driver

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/examples"
	"github.com/kinsolve/kinsolve/solver/deck"
)

func presetDeck(t *testing.T, name string, sets ...string) *deck.Deck {
	t.Helper()
	text, err := examples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := deck.Parse(name, text)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if err := d.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// The bkw preset through the driver at 32²: the run ends exactly at t_end, conserves mass and
// energy to round-off, never raises the entropy, and its errors against the exact solution are
// those of the operator's second-order discretisation (rel. L2 3.6e-2 at 32², t = 1).
func TestLandauBKWThroughDriver(t *testing.T) {
	p, err := Prepare(presetDeck(t, "bkw", "landau.n=32", "output.figures=false", "output.snapshots=0"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	sum, err := p.Run(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Time != 1 {
		t.Errorf("final time %v, want exactly 1", sum.Time)
	}
	m := sum.Measured
	for key, bound := range map[string]float64{
		"mass_drift": 1e-12, "energy_drift": 1e-12, "px_drift": 1e-12, "py_drift": 1e-12,
		"entropy_largest_rise": 0, "err_l2": 0.04, "m4_rel_error": 0.01,
	} {
		v, ok := m[key].(float64)
		if !ok {
			t.Errorf("summary has no %s", key)
			continue
		}
		if v < 0 {
			v = -v
		}
		if v > bound {
			t.Errorf("%s = %.3g, want ≤ %.3g", key, v, bound)
		}
	}
	if e := m["err_l2"].(float64); e < 0.03 {
		t.Errorf("err_l2 = %.3g: a 32² grid cannot be that accurate (expected ≈ 0.036)", e)
	}
}

func TestLandauDeckErrorsNameTheKey(t *testing.T) {
	cases := map[string]string{
		"landau.gamma=-4":           "landau.gamma = -4 out of range",
		"landau.lambda=-1":          "landau.lambda = -1 out of range",
		"landau.n=4":                "landau.n = 4 out of range",
		"landau.form=smooth":        `landau.form = "smooth" out of range`,
		"landau.preset=plasma":      `landau.preset = "plasma" out of range`,
		"time.dt=0.1":               "time.dt = 0.1 out of range",
		"time.cfl=3":                "time.cfl = 3 out of range",
		"landau.preset=anisotropic": "", // valid: the preset's own defaults apply
	}
	for set, want := range cases {
		d := presetDeck(t, "bkw", set)
		if set == "landau.preset=anisotropic" {
			// bkw's deck pins tx/ty only implicitly; switching preset keeps γ = 0, Λ = 1/16.
			if _, err := Prepare(d); err != nil {
				t.Errorf("%s: %v", set, err)
			}
			continue
		}
		_, err := Prepare(d)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: error %v, want prefix %q", set, err, want)
		}
	}
}

// A non-positive initial temperature (which would make the initial density negative or
// undefined) is refused at set-up with the key named.
func TestLandauBadInitialTemperature(t *testing.T) {
	d := presetDeck(t, "anisotropic", "landau.tx=-1")
	_, err := Prepare(d)
	if err == nil || !strings.Contains(err.Error(), "landau.tx = -1 out of range") {
		t.Errorf("error %v", err)
	}
}
