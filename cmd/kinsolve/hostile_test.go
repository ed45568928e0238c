package main

import (
	"os"
	"path/filepath"
	"testing"
)

// Values that once hung the velocity-box search, overflowed the initial field energy or were
// accepted although meaningless: each is refused with exit code 2, one line naming the key and
// the allowed range, and nothing on disk.
func TestHostileValuesExitTwo(t *testing.T) {
	cases := []struct {
		name, preset string
		args         []string
		want         []string
	}{
		{"huge beam speed", "two-stream", []string{"--set", "init.v0=1e300"},
			[]string{"init.v0 = 1e+300 out of range", "[0, 1000]"}},
		{"tiny beam width", "bump-on-tail", []string{"--set", "init.beam_vt=1e-300"},
			[]string{"init.beam_vt = 1e-300 out of range", "[0.001, 1000]"}},
		{"huge beam width", "bump-on-tail", []string{"--set", "init.beam_vt=1e300"},
			[]string{"init.beam_vt = 1e+300 out of range", "[0.001, 1000]"}},
		{"huge beam drift", "bump-on-tail", []string{"--set", "init.beam_speed=1e300"},
			[]string{"init.beam_speed = 1e+300 out of range", "[-1000, 1000]"}},
		{"huge density", "bump-on-tail", []string{"--set", "init.bulk_density=1e300"},
			[]string{"init.bulk_density = 1e+300 out of range", "(0, 1000]"}},
		{"tiny wavenumber", "landau-damping", []string{"--set", "init.k=1e-300"},
			[]string{"init.k = 1e-300 out of range", "[1e-06, 1000]"}},
		{"infinite fit start", "landau-damping", []string{"--set", "fit.t_min=inf"},
			[]string{"fit.t_min = +Inf", "want finite 0 ≤ t_min < t_max"}},
		{"infinite fit end", "landau-damping", []string{"--set", "fit.t_max=inf"},
			[]string{"fit.t_max = +Inf", "want finite 0 ≤ t_min < t_max"}},
		// Vlasov grids that once gave a non-finite folder at t = 0 or a discontinuous f0.
		{"huge velocity box", "landau-damping", []string{"--set", "grid.vmax=1e300"},
			[]string{"grid.vmax = 1e+300 out of range", "(0, 10000]"}},
		{"huge period", "landau-damping", []string{"--set", "grid.length=1e300"},
			[]string{"grid.length = 1e+300 out of range", "(0, 1e+09]"}},
		{"fraction of a wavelength", "landau-damping", []string{"--set", "grid.length=1.5"},
			[]string{"grid.length = 1.5 out of range for init.k = 0.5", "whole number m",
				"1 ≤ m ≤ grid.nx/2 = 32", "allowed grid.length = m·2π/k = 12.5664"}},
		{"unresolved beam", "bump-on-tail", []string{"--set", "grid.nv=32"},
			[]string{"grid.nv = 32 out of range", "narrowest thermal speed 0.5",
				"allowed grid.nv ≥ 36"}},
		// Runs that would never end.
		{"endless run", "landau-damping", []string{"--set", "time.t_end=1e300"},
			[]string{"time.t_end = 1e+300 out of range", "(0, 1e+06]"}},
		{"tiny fixed step", "two-stream", []string{"--set", "time.dt=1e-300"},
			[]string{"time.dt = 1e-300 out of range for time.t_end = 60", "allowed time.dt ≥ 6e-07"}},
		// Homogeneous Landau values that once gave a non-finite density at step 0.
		{"tiny landau box", "bkw", []string{"--set", "landau.vmax=1e-300"},
			[]string{"landau.vmax = 1e-300 out of range", "allowed landau.vmax ≥ 4.51"}},
		{"tiny landau tx", "anisotropic", []string{"--set", "landau.tx=1e-300"},
			[]string{"landau.tx = 1e-300 out of range", "[0.0001, 10000]"}},
		{"tiny landau ty", "anisotropic", []string{"--set", "landau.ty=1e-300"},
			[]string{"landau.ty = 1e-300 out of range", "[0.0001, 10000]"}},
		{"huge landau shift", "coulomb-bumps", []string{"--set", "landau.shift=1e300"},
			[]string{"landau.shift = 1e+300 out of range", "[0, 1000]"}},
		{"huge landau temp", "coulomb-bumps", []string{"--set", "landau.temp=1e300"},
			[]string{"landau.temp = 1e+300 out of range", "[0.0001, 10000]"}},
		{"landau box cuts f", "coulomb-bumps", []string{"--set", "landau.shift=10"},
			[]string{"landau.vmax = 6 out of range", "allowed landau.vmax ≥ 14.1"}},
		{"landau cells too wide", "anisotropic", []string{"--set", "landau.ty=0.01"},
			[]string{"landau.n = 48 out of range", "allowed landau.n in [160, 1024]"}},
		// 2^30 cells pass grid.MaxCells but need about 40 GiB.
		{"memory bomb", "landau-damping-2v", []string{"--set", "grid.nx=1024", "--set", "grid.nv=1024"},
			[]string{"grid.nx × grid.nv^2 = 1073741824 cells out of range", "GiB", "allowed at most"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"run", c.preset, "--out", filepath.Join(dir, "run")}, c.args...)
			code, _, stderr := runMain(t, args...)
			checkBadInput(t, code, stderr, c.want)
			assertEmpty(t, dir)
		})
	}
}

// A run too short for a log-scale panel (one diagnostic row after t = 0, so one positive
// error value) once panicked in gonum/plot; it must finish with its figures.
func TestDegenerateFiguresDoNotPanic(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run")
	code, _, stderr := runMain(t, "run", "bkw", "--out", out, "--quiet",
		"--set", "time.t_end=1e-300", "--set", "landau.n=24")
	if code != exitOK {
		t.Fatalf("exit code %d, want %d (stderr %q)", code, exitOK, stderr)
	}
	for _, f := range []string{"diagnostics.png", "summary.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s missing: %v", f, err)
		}
	}
}
