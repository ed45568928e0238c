package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sbinet/npyio"

	"github.com/kinsolve/kinsolve/examples"
)

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(append([]string{"kinsolve"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// cheap shrinks a run so that CLI tests take a fraction of a second.
var cheap = []string{"--set", "grid.nx=16", "--set", "grid.nv=32", "--set", "time.t_end=2",
	"--set", "output.figures=false"}

// Bad input: exit code 2, one line on stderr naming the field and what is allowed, nothing
// on disk.
func TestBadInputExitsTwoWithOneLineAndNoFolder(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string // substrings of the message
	}{
		{"unknown key", []string{"--set", "grid.nxx=3"}, []string{"unknown deck key grid.nxx", "allowed", "grid.nx"}},
		{"negative size", []string{"--set", "grid.nx=-4"}, []string{"grid.nx = -4 out of range", "≥ 4"}},
		{"zero size", []string{"--set", "grid.nv=0"}, []string{"grid.nv = 0 out of range", "≥ 4"}},
		{"non-numeric", []string{"--set", "grid.vmax=fast"}, []string{`grid.vmax = "fast"`, "want a number"}},
		{"non-numeric integer", []string{"--set", "grid.nx=many"}, []string{`grid.nx = "many"`, "want an integer"}},
		{"array with a comma", []string{"--set", "grid.nx=[1,2]"}, []string{"grid.nx = [1, 2]", "want an integer"}},
		{"velocity box", []string{"--set", "grid.vmax=4"}, []string{"grid.vmax = 4 cuts the initial distribution", "allowed grid.vmax ≥ 5.7"}},
		{"unknown profile", []string{"--set", "init.profile=flat"}, []string{`init.profile = "flat"`, "allowed maxwellian"}},
		{"unknown model", []string{"--set", "model=mhd"}, []string{`model = "mhd" not known`, "allowed ", "vlasov"}},
		{"value for a table", []string{"--set", "grid=3"}, []string{"deck key grid = 3: want a table"}},
		{"vlasov deck with a collisional model", []string{"--model", "vpl"}, []string{
			"deck landau-damping is a vlasov deck (for model vlasov); model vpl reads decks " +
				`with [collision] and [init] problem = "collisional-landau" | "sod-plasma": ` +
				"try collisional-landau or sod-plasma"}},
		{"vlasov deck with the landau model", []string{"--model", "landau"}, []string{
			"deck landau-damping is a vlasov deck", "model landau reads decks with a [landau] table",
			"try anisotropic, bkw or coulomb-bumps"}},
		{"table for a value", []string{"--set", "title={a=1}"},
			[]string{"deck key title = {a = 1}: want a string"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "run")
			args := append([]string{"run", "landau-damping", "--out", out}, c.args...)
			code, _, stderr := runMain(t, args...)
			checkBadInput(t, code, stderr, c.want)
			assertEmpty(t, dir)
		})
	}
	t.Run("output exists", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "run")
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runMain(t, "run", "landau-damping", "--out", out)
		checkBadInput(t, code, stderr, []string{"--out " + out, "output folder exists", "allowed a path that does not exist"})
		entries, _ := os.ReadDir(dir)
		sub, _ := os.ReadDir(out)
		if len(entries) != 1 || len(sub) != 0 {
			t.Errorf("folder changed: %d entries, %d inside", len(entries), len(sub))
		}
	})
	t.Run("unknown preset", func(t *testing.T) {
		dir := t.TempDir()
		code, _, stderr := runMain(t, "run", "landau", "--out", filepath.Join(dir, "r"))
		checkBadInput(t, code, stderr, []string{`unknown preset "landau"`, "landau-damping"})
		assertEmpty(t, dir)
	})
	t.Run("unknown flag", func(t *testing.T) {
		code, _, stderr := runMain(t, "run", "landau-damping", "--colour")
		checkBadInput(t, code, stderr, []string{"colour"})
	})
}

func checkBadInput(t *testing.T, code int, stderr string, want []string) {
	t.Helper()
	if code != exitBadInput {
		t.Errorf("exit code %d, want %d (stderr %q)", code, exitBadInput, stderr)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr is not one line: %q", stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr %q lacks %q", stderr, w)
		}
	}
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

// A full run through the command: the run folder holds every promised file, the summary has
// the fitted Landau rate within 2% of theory, and the snapshots load with their shapes.
func TestRunWritesFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "landau")
	code, stdout, stderr := runMain(t, "run", "landau-damping", "--out", out, "--json",
		"--set", "grid.nx=16", "--set", "grid.nv=64", "--set", "time.t_end=30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum struct {
		Status   string         `json:"status"`
		Steps    int            `json:"steps"`
		Measured map[string]any `json:"measured"`
		Files    []string       `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout)
	}
	if sum.Status != "done" || sum.Steps == 0 {
		t.Errorf("status %q after %d steps", sum.Status, sum.Steps)
	}
	g := sum.Measured["gamma"].(float64)
	if math.Abs(g/-0.153359-1) > 0.02 {
		t.Errorf("γ = %v, want −0.153359 within 2%%", g)
	}
	for _, f := range []string{"resolved.toml", "diagnostics.csv", "snapshots.csv", "summary.json",
		"f_000.npy", "f_004.npy", "E_004.npy", "x.npy", "vx.npy", "field_energy.png", "f_xv.png",
		"diagnostics.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	fh, err := os.Open(filepath.Join(out, "f_004.npy"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := npyio.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Header.Descr.Shape; len(s) != 2 || s[0] != 16 || s[1] != 64 {
		t.Errorf("f shape %v, want [16 64]", s)
	}
	// The resolved deck reruns to the same result.
	code, stdout2, stderr := runMain(t, "run", filepath.Join(out, "resolved.toml"), "--json",
		"--out", filepath.Join(dir, "again"))
	if code != 0 {
		t.Fatalf("rerun exit %d: %s", code, stderr)
	}
	var sum2 struct {
		Measured map[string]any `json:"measured"`
	}
	json.Unmarshal([]byte(stdout2), &sum2)
	if sum2.Measured["gamma"] != g {
		t.Errorf("rerun from resolved.toml: γ %v, first run %v", sum2.Measured["gamma"], g)
	}
}

// The 1X2V snapshot of f is three-dimensional.
func TestRun2VSnapshotShape(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	args := append([]string{"run", "landau-damping", "--quiet", "--out", out, "--set", "grid.vdim=2"}, cheap...)
	if code, _, stderr := runMain(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fh, err := os.Open(filepath.Join(out, "f_000.npy"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := npyio.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	var data []float64
	if err := r.Read(&data); err != nil {
		t.Fatal(err)
	}
	if s := r.Header.Descr.Shape; len(s) != 3 || s[0] != 16 || s[1] != 32 || s[2] != 32 || len(data) != 16*32*32 {
		t.Errorf("f shape %v with %d values, want [16 32 32]", s, len(data))
	}
}

func TestPresetsListsEveryPreset(t *testing.T) {
	code, stdout, _ := runMain(t, "presets")
	if code != 0 {
		t.Fatal(code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	names := examples.Names()
	if len(lines) != len(names) || len(names) < 8 {
		t.Fatalf("%d lines for %d presets", len(lines), len(names))
	}
	for i, n := range names {
		if f := strings.Fields(lines[i]); len(f) < 3 || f[0] != n {
			t.Errorf("line %q, want preset %s with a description", lines[i], n)
		}
	}
}

// Every preset decodes and validates (the builder runs; nothing is advanced).
func TestEveryPresetValidates(t *testing.T) {
	for _, n := range examples.Names() {
		dir := t.TempDir()
		args := []string{"run", n, "--quiet", "--out", filepath.Join(dir, "r"),
			"--set", "time.t_end=0.05", "--set", "output.figures=false"}
		if strings.HasSuffix(n, "-2v") {
			// The coarsest velocity grid that resolves the narrowest beam (v_t = 0.5 on
			// [−9, 9]): 36 cells.
			args = append(args, "--set", "grid.nv=36", "--set", "grid.nx=16")
		}
		if code, _, stderr := runMain(t, args...); code != 0 {
			t.Errorf("preset %s: exit %d: %s", n, code, stderr)
		}
	}
}

func TestHelpDocumentsEverything(t *testing.T) {
	_, out, _ := runMain(t, "--help")
	for _, w := range []string{"run", "presets", "anneal", "train-demo", "bench", "[grid]", "[init]",
		"[time]", "[output]", "[fit]", "[collision]", "[landau]", "backend", "EXIT CODES",
		"summary.json"} {
		if !strings.Contains(out, w) {
			t.Errorf("--help lacks %q", w)
		}
	}
	_, out, _ = runMain(t, "run", "--help")
	for _, w := range []string{"--set", "--out", "--quiet", "--json", "--model", "--backend"} {
		if !strings.Contains(out, w) {
			t.Errorf("run --help lacks %q", w)
		}
	}
}

// The commands shown in README.md run (with a short t_end so that the test stays cheap).
func TestReadmeCommandsRun(t *testing.T) {
	text, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^\s*kinsolve (run [a-z].*)$`)
	matches := re.FindAllStringSubmatch(string(text), -1)
	if len(matches) < 2 {
		t.Fatalf("README has %d kinsolve run commands", len(matches))
	}
	for i, m := range matches {
		cmd, _, _ := strings.Cut(m[1], "#") // drop a trailing comment
		args := strings.Fields(cmd)
		dir := t.TempDir()
		args = append(args, "--quiet", "--out", filepath.Join(dir, "r"), "--set", "time.t_end=0.5",
			"--set", "output.figures=false")
		for j := range args {
			args[j] = strings.Trim(args[j], "'\"")
		}
		if code, _, stderr := runMain(t, args...); code != 0 {
			t.Errorf("README command %d %q: exit %d: %s", i, m[1], code, stderr)
		}
	}
}

// A perturbation too large for a linear phase (bump-on-tail at α = 0.04 saturates within a few
// plasma periods) gets no fitted growth rate: the fit reports why instead of a number.
func TestNoGrowthRateWithoutExponentialPhase(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bot")
	code, stdout, stderr := runMain(t, "run", "bump-on-tail", "--out", out, "--json",
		"--set", "init.alpha=0.04", "--set", "time.t_end=40", "--set", "output.figures=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum struct {
		Measured map[string]any `json:"measured"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if g, ok := sum.Measured["gamma"]; ok {
		t.Errorf("gamma = %v reported for a run with no exponential phase", g)
	}
	if e, _ := sum.Measured["fit_error"].(string); !strings.Contains(e, "no exponential phase") {
		t.Errorf("fit_error = %q, want it to say there is no exponential phase", e)
	}
}
