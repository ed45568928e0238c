package popcmd

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// run executes the commands in an App that reports errors instead of exiting, and returns
// standard output and the exit code (0 on success).
func run(t *testing.T, args ...string) (string, int, error) {
	t.Helper()
	out, _, code, err := run2(t, args...)
	return out, code, err
}

// run2 is run that also returns what the commands wrote to standard error.
func run2(t *testing.T, args ...string) (string, string, int, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &cli.App{Name: "kinsolve", Commands: Commands(), Writer: &out, ErrWriter: &errOut,
		ExitErrHandler: func(*cli.Context, error) {}}
	err := app.Run(append([]string{"kinsolve"}, args...))
	code := 0
	if err != nil {
		code = 1
		if ec, ok := err.(cli.ExitCoder); ok {
			code = ec.ExitCode()
		}
	}
	return out.String(), errOut.String(), code, err
}

func TestAnnealWritesOutputs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	out, code, err := run(t, "anneal", "--function", "rastrigin", "--dim", "2",
		"--budget", "4000", "--agents", "8", "--seed", "3", "--out", dir, "--quiet", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	var sum annealSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("stdout is not the JSON summary: %v\n%s", err, out)
	}
	if len(sum.Runs) != 3 || sum.Budget != 4000 {
		t.Errorf("summary has %d runs, budget %d; want 3 and 4000", len(sum.Runs), sum.Budget)
	}
	for _, r := range sum.Runs {
		if r.Evals > 4000 || !(float64(r.BestEnergy) >= 0) {
			t.Errorf("%s: evals %d, best %g", r.Method, r.Evals, float64(r.BestEnergy))
		}
	}
	for _, f := range []string{"history.csv", "summary.json", "best.png"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	hist, _ := os.ReadFile(filepath.Join(dir, "history.csv"))
	if !strings.HasPrefix(string(hist), "method,step,evals,best") ||
		!strings.Contains(string(hist), "\nsa-geo,") {
		t.Errorf("history.csv header or rows wrong:\n%.200s", hist)
	}
	// The folder now exists: a second run must refuse it with status 2 and leave no
	// temporary folder behind.
	_, code, err = run(t, "anneal", "--out", dir, "--quiet")
	if code != 2 || !strings.Contains(err.Error(), "output folder exists") {
		t.Errorf("existing --out: exit %d, %v", code, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("parent folder holds %d entries, want only the output", len(entries))
	}
}

// TestAnnealCompare checks the comparison's table (targets and equal-budget rule stated),
// its summary.json (the setup, no empty placeholders) and its files.
func TestAnnealCompare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cmp")
	out, code, err := run(t, "anneal", "--compare", "--dims", "2,3", "--seeds", "3",
		"--budget-per-dim", "1000", "--out", dir, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	for _, want := range []string{"| rastrigin | 2 | 2000 |", "| ackley | 3 | 3000 |",
		"the same moves (adaptive scale", "E ≤ 1 on rastrigin", "E ≤ 0.1 on ackley",
		"every method gets 1000·dim energy evaluations"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, "compare.md"))
	if err != nil || !strings.HasPrefix(out, string(md)) {
		t.Errorf("compare.md is not the table printed: %v\n%s", err, md)
	}
	for _, f := range []string{"compare.csv", "compare.png", "summary.json"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"function", "dim", "budget", "runs"} {
		if _, ok := raw[k]; ok {
			t.Errorf("summary.json has the single-run field %q:\n%s", k, b)
		}
	}
	var sum compareSummary
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sum.Functions, []string{"rastrigin", "ackley"}) ||
		!slices.Equal(sum.Dims, []int{2, 3}) || len(sum.Methods) != 3 || sum.Seeds != 3 ||
		sum.EvalsPerDim != 1000 || sum.Targets["rastrigin"] != 1 ||
		sum.Targets["ackley"] != 0.1 || len(sum.Rows) != 2*2*3 {
		t.Errorf("summary.json setup wrong:\n%s", b)
	}
}

// TestDefaultOut checks that without --out each command creates runs/ and writes into
// runs/<command>-<YYYYmmdd-HHMMSS>.
func TestDefaultOut(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args  []string
		glob  string
		files []string
	}{
		{[]string{"anneal", "--budget", "200", "--agents", "4"}, "anneal-*",
			[]string{"history.csv", "summary.json", "best.png"}},
		{[]string{"anneal", "--compare", "--dims", "2", "--seeds", "1", "--budget-per-dim",
			"100", "--method", "cast"}, "anneal-compare-*",
			[]string{"compare.csv", "compare.md", "compare.png", "summary.json"}},
		{[]string{"train-demo", "--agents", "2", "--generations", "1", "--budget", "4",
			"--hidden", "2"}, "train-demo-*",
			[]string{"history.csv", "hyperparameters.csv", "summary.json", "best.png",
				"hyperparameters.png"}},
	} {
		out, code, err := run(t, append(tc.args, "--quiet")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %v", tc.args, code, err)
		}
		dirs, _ := filepath.Glob(filepath.Join("runs", tc.glob))
		var found []string
		for _, d := range dirs {
			// anneal-* also matches anneal-compare-*: keep the names whose stamp follows.
			stamp := strings.TrimPrefix(filepath.Base(d), strings.TrimSuffix(tc.glob, "*"))
			if _, err := time.Parse("20060102-150405", stamp); err == nil {
				found = append(found, d)
			}
		}
		if len(found) != 1 {
			t.Fatalf("%v: folders %v, want one runs/%s with a time stamp", tc.args, dirs,
				tc.glob)
		}
		if !strings.Contains(out, "wrote "+found[0]) {
			t.Errorf("%v: output does not name %s:\n%s", tc.args, found[0], out)
		}
		for _, f := range tc.files {
			if st, err := os.Stat(filepath.Join(found[0], f)); err != nil || st.Size() == 0 {
				t.Errorf("%v: %s missing or empty: %v", tc.args, f, err)
			}
		}
	}
}

// TestUsageErrorOneLine checks that flags the parser refuses exit with status 2 and one
// line, with nothing (no help text) on standard output or standard error.
func TestUsageErrorOneLine(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"anneal", "--dim", "two"}, `invalid value "two" for flag -dim`},
		{[]string{"anneal", "--no-such-flag"}, "flag provided but not defined: -no-such-flag"},
		{[]string{"train-demo", "--agents", "1.5"}, `invalid value "1.5" for flag -agents`},
		{[]string{"train-demo", "--out"}, "flag needs an argument: -out"},
	} {
		stdout, stderr, code, err := run2(t, tc.args...)
		if code != 2 || err == nil || !strings.Contains(err.Error(), tc.want) ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: exit %d, error %v; want 2 and one line containing %q", tc.args,
				code, err, tc.want)
		}
		if stdout != "" || stderr != "" {
			t.Errorf("%v: printed\n%s%s", tc.args, stdout, stderr)
		}
		if _, err := os.Stat("runs"); err == nil {
			t.Errorf("%v: runs/ created despite bad input", tc.args)
		}
	}
}

// TestHelpTexts checks that each command describes its own flags and names the files it
// writes.
func TestHelpTexts(t *testing.T) {
	anneal, _, _, _ := run2(t, "anneal", "--help")
	train, _, _, _ := run2(t, "train-demo", "--help")
	for _, tc := range []struct {
		help       string
		want, nots []string
	}{
		{anneal, []string{"test function to minimise: ackley, doublewell", "cast, sa-log, sa-geo",
			"energy evaluations per method", "compare.png", "best.png", "runs/anneal-"},
			[]string{"regression", "gradient", "(anneal)", "train-demo"}},
		{train, []string{"regression target the network learns: gauss, sine",
			"pbt (population training), random (random search)", "gradient steps per method",
			"hyperparameters.png", "runs/train-demo-"},
			[]string{"test function", "energy evaluations", "(anneal)", "(train-demo)"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(tc.help, w) {
				t.Errorf("help lacks %q:\n%s", w, tc.help)
			}
		}
		for _, w := range tc.nots {
			if strings.Contains(tc.help, w) {
				t.Errorf("help contains %q:\n%s", w, tc.help)
			}
		}
	}
}

// TestLogTicks checks that a logarithmic axis over less than a decade (and over a few
// decades) gets at least three labelled ticks, each labelled with its own value, and that
// wide ranges are labelled at the powers of ten.
func TestLogTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string // labels, in order
	}{
		{0.006, 0.03, []string{"0.01", "0.02", "0.03"}},
		{0.004, 0.03, []string{"0.005", "0.01", "0.02"}},
		{0.0061, 0.0089, []string{"0.0065", "0.0075", "0.0085"}}, // linear fallback
		{0.0064, 0.0099, []string{"0.007", "0.008", "0.009"}},
		{0.002, 0.6, []string{"0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5"}},
		{1e-12, 10, []string{"1e-12", "1e-10", "1e-08", "1e-06", "0.0001", "0.01", "1"}},
		{3e-5, 0.2, []string{"0.0001", "0.001", "0.01", "0.1"}},
	} {
		var got []string
		for _, tk := range (logTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Value < tc.lo || tk.Value > tc.hi {
				t.Errorf("[%g, %g]: tick %g outside", tc.lo, tc.hi, tk.Value)
			}
			if tk.Label == "" {
				continue
			}
			if v, err := strconv.ParseFloat(tk.Label, 64); err != nil ||
				math.Abs(v-tk.Value) > 1e-12*tk.Value {
				t.Errorf("[%g, %g]: label %q at %g", tc.lo, tc.hi, tk.Label, tk.Value)
			}
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("[%g, %g]: labels %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestTrainDemoWritesOutputs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "train")
	out, code, err := run(t, "train-demo", "--agents", "4", "--generations", "3",
		"--budget", "240", "--hidden", "4", "--out", dir, "--quiet", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	var sum trainSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Runs) != 2 || sum.Steps != 20 || sum.Runs[0].GradientSteps != 240 {
		t.Errorf("summary %+v", sum)
	}
	for _, f := range []string{"history.csv", "hyperparameters.csv", "summary.json",
		"best.png", "hyperparameters.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	hyp, _ := os.ReadFile(filepath.Join(dir, "hyperparameters.csv"))
	if !strings.HasPrefix(string(hyp), "method,generation,agent,lr,beta,decay,batch\n") {
		t.Errorf("hyperparameters.csv header: %.80s", hyp)
	}
}

func TestBadInputExitsTwo(t *testing.T) {
	tmp := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"anneal", "--agents", "1"}, "Agents = 1 out of range: must be at least 2"},
		{[]string{"anneal", "--function", "sphere"}, `function = "sphere" unknown`},
		{[]string{"anneal", "--t0", "0"}, "T0 = 0 out of range: must be finite and > 0"},
		{[]string{"anneal", "--tend", "-1"}, "TEnd = -1 out of range"},
		{[]string{"anneal", "--method", "tabu"}, `--method: "tabu" unknown`},
		{[]string{"anneal", "--dim", "0"}, "dimension = 0 out of range"},
		{[]string{"anneal", "--budget", "3"}, "--budget = 3 out of range"},
		{[]string{"anneal", "--coordinates", "0"}, "--coordinates = 0 out of range"},
		{[]string{"anneal", "--contrast", "1"}, "Contrast = 1 out of range"},
		{[]string{"anneal", "--compare", "--selection", "-1"}, "Selection = -1 out of range"},
		{[]string{"train-demo", "--agents", "1"}, "--agents = 1 out of range"},
		{[]string{"train-demo", "--function", "cosine"}, `function = "cosine" unknown`},
		{[]string{"train-demo", "--truncation", "0.9"}, "Truncation.Fraction = 0.9"},
		{[]string{"train-demo", "--budget", "5"}, "--budget = 5 out of range"},
		// Sizes that would exhaust memory, and budgets no machine could finish, are refused
		// before anything is allocated.
		{[]string{"anneal", "-d", "100000000"},
			"dimension = 100000000 out of range: must be at least 1 and at most 1048576"},
		{[]string{"anneal", "-n", "100000000", "-b", "1000000000000"},
			"Agents = 100000000 out of range: must be at least 2 and at most 1048576"},
		{[]string{"anneal", "-d", "1000000", "-n", "100", "-b", "1000000000"},
			"Agents·Dim = 100·1000000 out of range: must be at most 33554432"},
		{[]string{"anneal", "--coordinates", "100"},
			"Coordinates = 100 out of range: must lie in [1, Dim = 2]"},
		{[]string{"anneal", "--compare", "--dims", "10,2", "--coordinates", "5"},
			"Coordinates = 5 out of range: must lie in [1, Dim = 2]"},
		{[]string{"anneal", "-b", "1000000000001"},
			"--budget = 1000000000001 out of range: must be at least 2·agents = 20 and at " +
				"most 1000000000000"},
		{[]string{"anneal", "--compare", "--budget-per-dim", "2000000000000"},
			"--budget-per-dim = 2000000000000 out of range"},
		{[]string{"train-demo", "-d", "100000000"},
			"dimension = 100000000 out of range: must be at least 1 and at most 65536"},
		{[]string{"train-demo", "--hidden", "100000000"},
			"Hidden = 100000000 out of range: must be at least 1 and at most 1048576"},
		{[]string{"train-demo", "--hidden", "600000"},
			"Hidden = 600000 out of range: must be at most 262143 for dimension 2"},
		{[]string{"train-demo", "-n", "100000000"},
			"--agents = 100000000 out of range: must be at least 2 and at most 1048576"},
		{[]string{"train-demo", "-n", "1000000"},
			"Agents·Dim = 1000000·65 out of range: must be at most 33554432"},
		{[]string{"train-demo", "--generations", "100000000"},
			"--generations = 100000000 out of range: must be at least 1 and at most 1048576"},
		{[]string{"train-demo", "-b", "2000000000000"},
			"--budget = 2000000000000 out of range"},
	}
	for k, c := range cases {
		dir := filepath.Join(tmp, "out", strings.Repeat("x", k+1))
		os.MkdirAll(filepath.Dir(dir), 0o755)
		_, code, err := run(t, append(c.args, "--out", dir, "--quiet")...)
		if code != 2 || err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: exit %d, error %v; want 2 and %q", c.args, code, err, c.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%v: output folder created despite bad input", c.args)
		}
	}
}
