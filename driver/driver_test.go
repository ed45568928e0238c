package driver

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// decay is a test model: q(t) = exp(−t) stepped exactly, failing at FailAt if set.
type decay struct {
	t, q, dt, failAt float64
}

func (d *decay) Time() float64 { return d.t }
func (d *decay) Step() (float64, error) {
	if d.failAt > 0 && d.t >= d.failAt {
		return 0, &sim.StepError{Status: sim.NonFinite, Time: d.t, Reason: "q is NaN"}
	}
	d.t += d.dt
	d.q *= 1 - d.dt
	return d.dt, nil
}
func (d *decay) Columns() []string   { return []string{"t", "q"} }
func (d *decay) Diagnose() []float64 { return []float64{d.t, d.q} }
func (d *decay) Fields() []sim.Field {
	return []sim.Field{{Name: "q", Axes: []string{"i"}, Shape: []int{1}, Data: []float64{d.q},
		Coords: [][]float64{{0}}}}
}

type decayDeck struct {
	Header
	Time   TimeSection   `toml:"time"`
	Output OutputSection `toml:"output"`
	FailAt float64       `toml:"fail_at"`
}

func init() {
	Register("test-decay", func(d *deck.Deck, _ Env) (sim.Simulation, any, error) {
		v := decayDeck{Time: TimeSection{TEnd: 1, Dt: 0.01}, Output: DefaultOutput()}
		v.Output.Figures = false
		if err := d.Decode(&v); err != nil {
			return nil, nil, err
		}
		return &decay{q: 1, dt: v.Time.Dt, failAt: v.FailAt}, &v, nil
	})
}

func plan(t *testing.T, sets ...string) *Plan {
	t.Helper()
	d, err := deck.Parse("test", []byte(`model = "test-decay"`))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if err := d.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func readSummary(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRunDoneWritesEverything(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	sum, err := plan(t).Run(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Steps != 100 || sum.StatusCode != sim.Done {
		t.Errorf("steps %d status %v", sum.Steps, sum.StatusCode)
	}
	for _, f := range []string{"resolved.toml", "diagnostics.csv", "snapshots.csv", "q_000.npy",
		"q_004.npy", "i.npy", "summary.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "diagnostics.csv"))
	if n := strings.Count(string(b), "\n"); n != 102 {
		t.Errorf("diagnostics.csv has %d lines, want header + 101 rows", n)
	}
	if m := readSummary(t, dir); m["status"] != "done" {
		t.Errorf("summary status %v", m["status"])
	}
	// No temporary folder is left beside the run.
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("%d entries beside the run folder", len(entries))
	}
}

// An interrupted run stops cleanly, keeps what it wrote and says so.
func TestRunInterrupted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := plan(t).Run(ctx, dir, Options{Progress: func(t, _ float64) {
		if t >= 0.3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || sum.StatusCode != sim.Interrupted {
		t.Fatalf("err %v status %v", err, sum.StatusCode)
	}
	m := readSummary(t, dir)
	if m["status"] != "interrupted" || m["steps"].(float64) < 30 || m["steps"].(float64) > 31 {
		t.Errorf("summary %v", m)
	}
}

// A run that fails mid-way keeps its folder with the failure in summary.json.
func TestRunFailsMidway(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	sum, err := plan(t, "fail_at=0.5").Run(context.Background(), dir, Options{})
	var se *sim.StepError
	if !errors.As(err, &se) || sum.StatusCode != sim.NonFinite {
		t.Fatalf("err %v status %v", err, sum.StatusCode)
	}
	m := readSummary(t, dir)
	if m["status"] != "non-finite state" || !strings.Contains(m["error"].(string), "q is NaN") {
		t.Errorf("summary %v", m)
	}
}

func TestPrepareErrorsNameTheKey(t *testing.T) {
	cases := []struct{ deck, want string }{
		{`model = "nope"`, `deck key model = "nope" not known: allowed `},
		{`title = "x"`, "deck key model missing"},
		{"model = \"test-decay\"\n[time]\nt_end = -1", "time.t_end = -1 out of range"},
		{"model = \"test-decay\"\n[output]\ndiag_every = 0", "output.diag_every = 0 out of range"},
	}
	for _, c := range cases {
		d, err := deck.Parse("t", []byte(c.deck))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Prepare(d); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want prefix %q", c.deck, err, c.want)
		}
	}
}

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	if err := CheckOutput(dir); !errors.Is(err, ErrOutputExists) {
		t.Errorf("existing folder: %v", err)
	}
	if err := CheckOutput(filepath.Join(dir, "a", "b")); err == nil {
		t.Error("missing parent accepted")
	}
	if err := CheckOutput(filepath.Join(dir, "new")); err != nil {
		t.Error(err)
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Register("vlasov", func(*deck.Deck, Env) (sim.Simulation, any, error) { return nil, nil, nil })
}
