package driver

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// Bad collisional decks fail in Prepare with an error naming the key and the range.
func TestRegimeDeckErrors(t *testing.T) {
	for _, c := range []struct {
		preset string
		sets   []string
		want   string
	}{
		{"sod-plasma", []string{"collision.eps=0"}, "collision.eps = 0 out of range"},
		{"sod-plasma", []string{"collision.eps=-1e-3"}, "collision.eps = -0.001 out of range"},
		{"sod-plasma", []string{"model=vpfp", "collision.nu=-1"}, "collision.nu = -1 out of range"},
		{"sod-plasma", []string{"model=vpm"}, `deck key model = "vpm" not known`},
		{"sod-plasma", []string{"collision.scheme=rk4"}, "collision.scheme"},
		{"collisional-landau", []string{"grid.vdim=1"}, "grid.vdim = 1 out of range for model vpl"},
		{"collisional-landau", []string{"model=ep", "init.problem=kelvin"}, "init.problem"},
		{"collisional-landau", []string{"model=ep", "time.cfl=2", "time.dt=0"}, "time.cfl = 2"},
		{"sod-plasma", []string{"init.width=1"}, "init.width = 1 out of range"},
		{"sod-plasma", []string{"grid.vmax=3"}, "grid.vmax"},
		{"sod-plasma", []string{"model=vlasov"}, "deck sod-plasma is a collisional deck"},
	} {
		_, err := Prepare(presetDeck(t, c.preset, c.sets...))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %v: error %v, want one containing %q", c.preset, c.sets, err, c.want)
		}
	}
}

// Each collisional model runs each collisional preset for a few steps, conserving mass, and
// stops exactly at t_end.
func TestRegimeModelsRunPresets(t *testing.T) {
	for _, preset := range []string{"collisional-landau", "sod-plasma"} {
		for _, model := range []string{"vpl", "vpfp", "ep"} {
			d := presetDeck(t, preset, "model="+model, "time.t_end=0.05", "output.figures=false",
				"output.snapshots=0", "grid.nx=16", "grid.nv=16")
			p, err := Prepare(d)
			if err != nil {
				t.Fatalf("%s/%s: %v", preset, model, err)
			}
			dir := filepath.Join(t.TempDir(), "run")
			sum, err := p.Run(context.Background(), dir, Options{})
			if err != nil {
				t.Fatalf("%s/%s: %v", preset, model, err)
			}
			if math.Abs(sum.Time-0.05) > 1e-12 {
				t.Errorf("%s/%s: stopped at t = %v, want 0.05", preset, model, sum.Time)
			}
			mc, _ := sum.Measured["mass_drift"].(float64)
			if math.Abs(mc) > 1e-12 {
				t.Errorf("%s/%s: mass change %v", preset, model, mc)
			}
		}
	}
}

// collision.scheme = "imex2" selects VPL's second-order step: the run reports it, keeps the
// transport step and conserves mass.
func TestVPLSchemeIMEX2(t *testing.T) {
	d := presetDeck(t, "sod-plasma", "model=vpl", "collision.scheme=imex2", "collision.eps=1e-6",
		"time.t_end=0.05", "output.figures=false", "output.snapshots=0", "grid.nx=16", "grid.nv=16")
	p, err := Prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := p.Run(context.Background(), filepath.Join(t.TempDir(), "run"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := sum.Measured["scheme"].(string); s != "imex2" {
		t.Errorf("scheme %q, want imex2", s)
	}
	if dt, dtT := sum.Measured["dt"], sum.Measured["dt_transport"]; dt != dtT {
		t.Errorf("dt %v, want the transport step %v", dt, dtT)
	}
	if mc, _ := sum.Measured["mass_drift"].(float64); math.Abs(mc) > 1e-12 {
		t.Errorf("mass change %v", mc)
	}
}
