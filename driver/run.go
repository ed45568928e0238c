package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/kinsolve/kinsolve/internal/outdir"
	"github.com/kinsolve/kinsolve/solver/backend"
	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
)

func errorf(format string, a ...any) error { return fmt.Errorf(format, a...) }

// Plan is a validated run: the simulation at its initial state and its resolved settings.
type Plan struct {
	Model    string
	DeckName string
	Sim      sim.Simulation
	// Resolved is the builder's settings value, ResolvedTOML its encoding.
	Resolved     any
	ResolvedTOML []byte
	Time         TimeSection
	Output       OutputSection
	Title        string
	// Backend is the compute backend the simulation runs on; see Close.
	Backend backend.Backend
}

// Prepare selects the model named by the deck, builds the simulation and reads the shared
// [time] and [output] sections from the resolved settings. All configuration errors surface
// here.
func Prepare(d *deck.Deck) (*Plan, error) {
	name, b, err := lookup(d)
	if err != nil {
		return nil, err
	}
	bname, err := d.String("backend", "cpu")
	if err != nil {
		return nil, err
	}
	be, err := backend.Get(bname)
	if err != nil {
		return nil, fmt.Errorf("backend = %q: %w", bname, err)
	}
	ok := false
	defer func() {
		if !ok {
			be.Close()
		}
	}()
	// The resolved deck names the backend even when the deck did not.
	if err := d.Set("backend=" + strconv.Quote(bname)); err != nil {
		return nil, err
	}
	s, resolved, err := b(d, Env{Backend: be})
	if err != nil {
		if fe := wrongFamily(d, name); fe != nil {
			return nil, fe
		}
		return nil, err
	}
	text, err := deck.Encode(resolved)
	if err != nil {
		return nil, fmt.Errorf("driver: encoding the resolved deck: %w", err)
	}
	var shared struct {
		Title  string        `toml:"title"`
		Time   TimeSection   `toml:"time"`
		Output OutputSection `toml:"output"`
	}
	if _, err := toml.Decode(string(text), &shared); err != nil {
		return nil, fmt.Errorf("driver: reading the resolved deck: %w", err)
	}
	if err := shared.Time.Validate(); err != nil {
		return nil, err
	}
	if err := shared.Time.checkSteps(s); err != nil {
		return nil, err
	}
	if err := shared.Output.Validate(); err != nil {
		return nil, err
	}
	ok = true
	return &Plan{Model: name, DeckName: d.Name(), Sim: s, Resolved: resolved, ResolvedTOML: text,
		Time: shared.Time, Output: shared.Output, Title: shared.Title, Backend: be}, nil
}

// Close releases the plan's backend (a GPU context, say). Run does not close it, so that a
// caller can inspect the state afterwards.
func (p *Plan) Close() error {
	if p.Backend == nil {
		return nil
	}
	err := p.Backend.Close()
	p.Backend = nil
	return err
}

// ErrOutputExists is returned (wrapped) when the run folder already exists.
var ErrOutputExists = outdir.ErrExists

// CheckOutput returns an error naming --out unless dir can be created as a run folder: it must
// not exist yet and its parent folder must.
func CheckOutput(dir string) error { return outdir.Check(dir) }

// Options tunes Plan.Run.
type Options struct {
	// Progress, if set, is called after every step with the time reached and the final time.
	Progress func(t, tEnd float64)
	// Started, if set, is called once the staging folder exists, with its path: the run's
	// files (diagnostics.csv, flushed after every row) can be read there while it goes on.
	Started func(staging string)
}

// StepSize returns the model's fixed time step and the estimated number of steps to t_end,
// ⌈(t_end − t)/dt⌉, or ok = false for a model whose step adapts as it runs.
func (p *Plan) StepSize() (dt float64, steps int, ok bool) {
	ss, ok := p.Sim.(sim.StepSizer)
	if !ok {
		return 0, 0, false
	}
	dt = ss.StepSize()
	if !(dt > 0) {
		return 0, 0, false
	}
	n := math.Ceil((p.Time.TEnd - p.Sim.Time()) / dt * (1 - 1e-12))
	return dt, int(min(n, math.MaxInt32)), true
}

// Summary is the content of summary.json.
type Summary struct {
	Model       string         `json:"model"`
	Deck        string         `json:"deck"`
	Title       string         `json:"title,omitempty"`
	Status      string         `json:"status"`
	Error       string         `json:"error,omitempty"`
	Steps       int            `json:"steps"`
	Time        float64        `json:"t"`
	TEnd        float64        `json:"t_end"`
	WallSeconds float64        `json:"wall_seconds"`
	Measured    map[string]any `json:"measured,omitempty"`
	MeasureErr  string         `json:"measure_error,omitempty"`
	Files       []string       `json:"files"`
	// Dir is the run folder (not written to summary.json).
	Dir string `json:"-"`
	// StatusCode is the typed stop reason.
	StatusCode sim.Status `json:"-"`
}

// Run advances the simulation to t_end, writing the run folder dir (which must not exist).
// It returns the summary and an error when the run did not reach t_end: a *sim.StepError for a
// failed step, context.Canceled for an interruption (status "interrupted"), or an I/O error.
// In every case after the folder was created it is completed with summary.json and moved to
// dir, and Summary.Dir says where.
func (p *Plan) Run(ctx context.Context, dir string, opt Options) (*Summary, error) {
	out, err := outdir.Stage(dir)
	if err != nil {
		return nil, err
	}
	if opt.Started != nil {
		opt.Started(out.Staging())
	}
	start := time.Now()
	w := &writer{out: out}
	if tu, ok := p.Sim.(timeUnit); ok {
		w.timeLabel = tu.TimeLabel()
	}
	sum := &Summary{Model: p.Model, Deck: p.DeckName, Title: p.Title, TEnd: p.Time.TEnd}
	runErr := p.loop(ctx, w, sum, opt)
	sum.WallSeconds = time.Since(start).Seconds()
	sum.Time = p.Sim.Time()
	sum.Status = sum.StatusCode.String()
	switch {
	case errors.Is(runErr, context.Canceled):
		sum.Error = "stopped by a signal (or the caller) before t_end"
	case runErr != nil:
		sum.Error = runErr.Error()
	}
	if ms, ok := p.Sim.(sim.Measurer); ok && len(w.hist.Rows) > 1 {
		m, err := ms.Measure(&w.hist)
		if err != nil {
			sum.MeasureErr = err.Error()
		}
		sum.Measured = sanitize(m)
	}
	if p.Output.Figures && len(w.hist.Rows) > 1 {
		if err := w.figures(sum.Measured); err != nil && runErr == nil {
			runErr = err
			sum.Error = err.Error()
		}
	}
	sum.Files = append(w.files, "summary.json")
	js, _ := json.MarshalIndent(sum, "", "  ")
	if err := w.writeFile("summary.json", append(js, '\n')); err != nil && runErr == nil {
		runErr = err
	}
	sum.Files = w.files
	if err := out.Commit(); err != nil {
		sum.Dir = out.Staging()
		if runErr == nil {
			runErr = err
		}
		return sum, runErr
	}
	sum.Dir = out.Target()
	return sum, runErr
}

func (p *Plan) loop(ctx context.Context, w *writer, sum *Summary, opt Options) error {
	s := p.Sim
	if err := w.writeFile("resolved.toml", p.ResolvedTOML); err != nil {
		sum.StatusCode = sim.Failed
		return err
	}
	if err := w.openDiagnostics(s.Columns()); err != nil {
		sum.StatusCode = sim.Failed
		return err
	}
	defer w.closeDiagnostics()
	tEnd := p.Time.TEnd
	nsnap := p.Output.Snapshots
	snapTime := func(i int) float64 {
		if nsnap == 1 {
			return 0
		}
		return tEnd * float64(i) / float64(nsnap-1)
	}
	next := 0
	record := func(steps int) error {
		row := s.Diagnose()
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				sum.StatusCode = sim.NonFinite
				return &sim.StepError{Status: sim.NonFinite, Time: s.Time(),
					Reason: "diagnostic " + s.Columns()[j] + " is not finite"}
			}
		}
		return w.diagnostic(row)
	}
	snap := func(steps int) error {
		for next < nsnap && s.Time() >= snapTime(next)-1e-9*tEnd {
			if err := w.snapshot(next, steps, s.Time(), s.Fields()); err != nil {
				return err
			}
			if mr, ok := s.(sim.MomentReporter); ok && p.Output.Figures {
				w.moments = append(w.moments, momentFrame{t: s.Time(), m: copyMoments(mr.Moments())})
			}
			next++
		}
		return nil
	}
	if err := record(0); err != nil {
		return err
	}
	if err := snap(0); err != nil {
		sum.StatusCode = sim.Failed
		return err
	}
	steps := 0
	lastRecorded := 0
	for s.Time() < tEnd*(1-1e-12) {
		if err := ctx.Err(); err != nil {
			sum.StatusCode = sim.Interrupted
			break
		}
		if _, err := s.Step(); err != nil {
			var se *sim.StepError
			if errors.As(err, &se) {
				sum.StatusCode = se.Status
			} else {
				sum.StatusCode = sim.Failed
			}
			sum.Steps = steps
			return err
		}
		steps++
		sum.Steps = steps
		if steps%p.Output.DiagEvery == 0 || s.Time() >= tEnd*(1-1e-12) {
			if err := record(steps); err != nil {
				return err
			}
			lastRecorded = steps
		}
		if err := snap(steps); err != nil {
			sum.StatusCode = sim.Failed
			return err
		}
		if opt.Progress != nil {
			opt.Progress(s.Time(), tEnd)
		}
	}
	if sum.StatusCode == sim.Interrupted {
		if lastRecorded != steps {
			if err := record(steps); err != nil {
				return err
			}
		}
		return context.Canceled
	}
	sum.StatusCode = sim.Done
	return nil
}

func copyMoments(m sim.Moments) sim.Moments {
	c := func(v []float64) []float64 { return append([]float64(nil), v...) }
	return sim.Moments{X: c(m.X), Density: c(m.Density), Momentum: c(m.Momentum), Energy: c(m.Energy)}
}

// sanitize replaces non-finite floats (which JSON cannot hold) by strings.
func sanitize(m map[string]any) map[string]any {
	for k, v := range m {
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			m[k] = fmt.Sprint(f)
		}
	}
	return m
}
