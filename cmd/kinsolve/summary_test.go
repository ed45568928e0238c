package main

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// summaryLine returns the fields after the label of the text summary's line with that label,
// failing the test if there is none.
func summaryLine(t *testing.T, stdout, label string) []string {
	t.Helper()
	for _, l := range strings.Split(stdout, "\n") {
		r := []rune(l)
		if len(r) > summaryLabel && strings.TrimSpace(string(r[:summaryLabel])) == label {
			return strings.Fields(string(r[summaryLabel:]))
		}
	}
	t.Fatalf("summary lacks a line %q:\n%s", label, stdout)
	return nil
}

func parseNum(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// checkCompare asserts a line "LABEL value REF ref relative difference d%": the reference is
// want (to the six printed digits), the printed difference is (value − ref)/|ref| and within
// tol of zero.
func checkCompare(t *testing.T, stdout, label, refName string, want, tol float64) {
	t.Helper()
	f := summaryLine(t, stdout, label)
	if len(f) != 6 || f[1] != refName || f[3] != "relative" || f[4] != "difference" {
		t.Fatalf("line %q: fields %q, want value %s ref relative difference d%%", label, f, refName)
	}
	v, ref, d := parseNum(t, f[0]), parseNum(t, f[2]), parseNum(t, f[5])/100
	if math.Abs(ref-want) > 1e-5*math.Abs(want) {
		t.Errorf("%s: %s %v, want %v", label, refName, ref, want)
	}
	if r := (v - ref) / math.Abs(ref); math.Abs(r-d) > 1e-4+1e-2*math.Abs(r) {
		t.Errorf("%s: printed difference %v, computed %v", label, d, r)
	}
	if math.Abs(d) > tol {
		t.Errorf("%s: relative difference %v, want within %v", label, d, tol)
	}
}

// checkDrift asserts a drift line with a value at most max.
func checkDrift(t *testing.T, stdout, label, kind string, max float64) {
	t.Helper()
	f := summaryLine(t, stdout, label)
	if len(f) < 3 || f[2] != kind {
		t.Fatalf("line %q: fields %q, want a %s drift", label, f, kind)
	}
	if v := parseNum(t, f[0]); !(v <= max) {
		t.Errorf("%s = %v, want at most %v", label, v, max)
	}
}

func runText(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r")
	args = append([]string{"run"}, append(args, "--out", out, "--set", "output.figures=false")...)
	code, stdout, stderr := runMain(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	if f := summaryLine(t, stdout, "run folder"); len(f) != 1 || f[0] != out {
		t.Errorf("run folder line %q, want %s", f, out)
	}
	return stdout
}

// The collisionless model's summary: γ and ω beside the dispersion root (tolerances as in
// TestRunWritesFolder: a coarse 16×64 grid keeps the rates within 2%), the fit window and the
// conservation drifts (mass to round-off; the semi-Lagrangian step conserves energy to the
// interpolation error, 1e-5 here).
func TestSummaryVlasov(t *testing.T) {
	out := runText(t, "landau-damping", "--set", "grid.nx=16", "--set", "grid.nv=64",
		"--set", "time.t_end=30")
	if f := summaryLine(t, out, "run"); strings.Join(f, " ") !=
		"landau-damping with model vlasov (deck title: Linear Landau damping (1X1V))" {
		t.Errorf("run line %q", f)
	}
	checkCompare(t, out, "measured γ", "theory", -0.153359, 0.02)
	checkCompare(t, out, "measured ω", "theory", 1.415662, 0.02)
	summaryLine(t, out, "fit window")
	checkDrift(t, out, "mass drift", "relative", 1e-12)
	checkDrift(t, out, "momentum drift", "absolute", 1e-12)
	checkDrift(t, out, "energy drift", "relative", 1e-5)

	// The nonlinear benchmark: the early rate against the published one (1% on this coarse
	// grid); a run too short for the late window says why.
	out = runText(t, "nonlinear-landau", "--set", "grid.nx=16", "--set", "grid.nv=64",
		"--set", "time.t_end=20")
	checkCompare(t, out, "early γ", "ref.", -0.2916, 0.01)
	if f := summaryLine(t, out, "late γ"); !strings.Contains(strings.Join(f, " "), "run ends before") {
		t.Errorf("late γ line %q, want the reason it is missing", f)
	}
}

// The collisional models' summaries: VPFP's damping against its linear dispersion relation,
// EP's frequency against √(1 + 2k²) (its γ theory is 0, shown as a difference), and a run too
// short for a fit says why.
func TestSummaryCollisional(t *testing.T) {
	out := runText(t, "collisional-landau", "--model", "vpfp", "--set", "grid.vdim=1",
		"--set", "grid.nv=64", "--set", "grid.nx=16", "--set", "collision.nu=0.1")
	// 16×64 cells, dt = 0.1: the fit of 6 maxima is within 2% of the root.
	checkCompare(t, out, "measured γ", "theory", -0.105369, 0.02)
	checkCompare(t, out, "measured ω", "theory", 1.388730, 0.02)
	checkDrift(t, out, "mass drift", "relative", 1e-12)
	checkDrift(t, out, "momentum drift", "absolute", 1e-12)
	checkDrift(t, out, "energy drift", "relative", 1e-5)

	out = runText(t, "collisional-landau", "--model", "ep", "--set", "time.t_end=10")
	if f := summaryLine(t, out, "run"); f[2] != "model" || f[3] != "ep" {
		t.Errorf("run line %q does not name model ep", f)
	}
	// The fluid oscillation is undamped and its field energy beats with the static part of
	// isothermal data: no rate is fitted, the summary says why; ω is within 0.5% of theory.
	if strings.Contains(out, "measured γ") {
		t.Errorf("EP summary reports a damping rate:\n%s", out)
	}
	if f := summaryLine(t, out, "fit note"); !strings.Contains(strings.Join(f, " "), "undamped") {
		t.Errorf("fit note %q", f)
	}
	checkCompare(t, out, "measured ω", "theory", math.Sqrt(1.5), 0.01)
	checkDrift(t, out, "energy drift", "relative", 1e-5)

	out = runText(t, "collisional-landau", "--set", "time.t_end=0.2", "--set", "grid.nx=16",
		"--set", "grid.nv=16")
	checkDrift(t, out, "mass drift", "relative", 1e-12)
	if f := summaryLine(t, out, "fit failed"); !regexp.MustCompile(`t ≤ 0\.2: too few points`).
		MatchString(strings.Join(f, " ")) {
		t.Errorf("fit failed line %q, want the window t ≤ 0.2 and its reason", f)
	}
}

// The homogeneous Landau summaries: BKW's errors and E|v|⁴ against 8K(2 − K), the
// anisotropy against exp(−8Λρt), the absolute momentum drifts and the entropy.
func TestSummaryLandau(t *testing.T) {
	out := runText(t, "bkw", "--set", "time.t_end=0.2")
	for _, l := range []string{"L1 error", "L2 error", "L∞ error"} {
		// The 64² grid of the preset: errors of a few 1e-3 at t = 0.2.
		if v := parseNum(t, summaryLine(t, out, l)[0]); !(v > 0 && v < 0.05) {
			t.Errorf("%s = %v, want in (0, 0.05)", l, v)
		}
	}
	k := 1 - 0.5*math.Exp(-0.2/8) // K(t) = 1 − exp(−t/8)/2, t0 = 0
	checkCompare(t, out, "E|v|⁴", "exact", 8*k*(2-k), 0.01)
	checkDrift(t, out, "mass drift", "relative", 1e-12)
	checkDrift(t, out, "px drift", "absolute", 1e-12)
	checkDrift(t, out, "py drift", "absolute", 1e-12)
	checkDrift(t, out, "energy drift", "relative", 1e-12)
	if f := summaryLine(t, out, "entropy"); strings.Join(f, " ") != "∫ f log f never rose" {
		t.Errorf("entropy line %q", f)
	}

	out = runText(t, "anisotropic", "--set", "time.t_end=0.5", "--set", "landau.n=32")
	checkCompare(t, out, "Txx − Tyy", "exact", math.Exp(-8*0.0625*0.5), 1e-3)
}
