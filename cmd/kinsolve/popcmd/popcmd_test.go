package popcmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// run executes the commands in an App that reports errors instead of exiting, and returns
// standard output and the exit code (0 on success).
func run(t *testing.T, args ...string) (string, int, error) {
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
	return out.String(), code, err
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

func TestAnnealCompare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cmp")
	out, code, err := run(t, "anneal", "--compare", "--dims", "2", "--seeds", "3",
		"--budget-per-dim", "1000", "--out", dir, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if !strings.Contains(out, "| rastrigin | 2 | 2000 |") || !strings.Contains(out,
		"| ackley | 2 | 2000 |") || !strings.Contains(out, "with the same moves") {
		t.Errorf("table lacks rows:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "compare.csv")); err != nil {
		t.Error(err)
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
