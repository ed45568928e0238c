package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/kinsolve/kinsolve/driver"
	"github.com/kinsolve/kinsolve/examples"
	"github.com/kinsolve/kinsolve/internal/outdir"
	"github.com/kinsolve/kinsolve/solver/backend"
	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a preset or a deck file and write its run folder",
		ArgsUsage: "PRESET | deck.toml",
		Description: "Runs the named preset (see kinsolve presets) or the TOML deck at the given path.\n" +
			"Without --out the folder is runs/<name>-<YYYYmmdd-HHMMSS>. Bad input exits with\n" +
			"code 2 before anything is written.",
		Flags: []cli.Flag{
			&cli.GenericFlag{Name: "set", Value: &overrides{}, Usage: "override a deck value: `KEY=VALUE`, e.g. init.k=0.4 (repeatable; the value may hold commas, as in an array)"},
			&cli.StringFlag{Name: "model", Usage: "model to run the deck with, overriding its model key: `MODEL` one of " +
				strings.Join(driver.Models(), ", ")},
			&cli.StringFlag{Name: "backend", Usage: "compute backend, overriding the deck's backend key: `NAME` one of " +
				strings.Join(backend.Names(), ", ") + " (cuda, cuda-f32 in the cuda build)"},
			&cli.StringFlag{Name: "out", Usage: "run folder to create; must not exist (default runs/NAME-TIMESTAMP)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar, only warnings and errors on stderr"},
			&cli.BoolFlag{Name: "json", Usage: "print summary.json, with the run folder as \"dir\", to stdout instead of the text summary (implies no progress bar)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "also log the start and end of the run (debug lines on stderr)"},
		},
		Action: runAction,
	}
}

// overrides collects the repeated --set flag. Unlike a string-slice flag it does not split
// values at commas, so that arrays and strings with commas reach the deck whole.
type overrides struct{ list []string }

func (o *overrides) Set(v string) error { o.list = append(o.list, v); return nil }
func (o *overrides) String() string     { return strings.Join(o.list, " ") }

// loadDeck reads the deck named by arg: an existing file path, or a preset name.
func loadDeck(arg string) (*deck.Deck, string, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, "", err
		}
		d, err := deck.Parse(arg, data)
		return d, strings.TrimSuffix(filepath.Base(arg), filepath.Ext(arg)), err
	}
	if strings.HasSuffix(arg, ".toml") {
		return nil, "", fmt.Errorf("deck file %s not found: allowed an existing .toml file or a preset (%s)",
			arg, strings.Join(examples.Names(), ", "))
	}
	data, err := examples.Read(arg)
	if err != nil {
		return nil, "", err
	}
	d, err := deck.Parse(arg, data)
	return d, arg, err
}

func runAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return inputErr(fmt.Errorf("run takes one argument, PRESET or deck.toml, got %d: allowed presets %s",
			c.NArg(), strings.Join(examples.Names(), ", ")))
	}
	stdout, stderr := c.App.Writer, c.App.ErrWriter
	quiet, asJSON := c.Bool("quiet"), c.Bool("json")
	level := slog.LevelInfo
	switch {
	case c.Bool("verbose"):
		level = slog.LevelDebug
	case quiet || asJSON:
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level,
		ReplaceAttr: dropTime}))

	d, name, err := loadDeck(c.Args().First())
	if err != nil {
		return inputErr(err)
	}
	for _, key := range []string{"model", "backend"} {
		if c.IsSet(key) {
			if err := d.Set(key + "=" + strconv.Quote(c.String(key))); err != nil {
				return inputErr(fmt.Errorf("--%s: %w", key, err))
			}
		}
	}
	for _, s := range c.Generic("set").(*overrides).list {
		if err := d.Set(s); err != nil {
			return inputErr(fmt.Errorf("--set: %w", err))
		}
	}
	out := c.String("out")
	if c.IsSet("out") {
		if err := driver.CheckOutput(out); err != nil {
			return inputErr(err)
		}
	}
	plan, err := driver.Prepare(d)
	if err != nil {
		return inputErr(err)
	}
	defer plan.Close()
	if !c.IsSet("out") {
		// runs/ appears only once the input is known to be good.
		out = outdir.Default(name, time.Now())
		if err := outdir.MakeParent(out); err != nil {
			return err
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var opt driver.Options
	var bar *progressbar.ProgressBar
	if !quiet && !asJSON && isTerminal(stdout) {
		bar = progressbar.NewOptions64(1000, progressbar.OptionSetWriter(stdout),
			progressbar.OptionSetDescription(name), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
		opt.Progress = func(t, tEnd float64) { bar.Set64(int64(1000 * t / tEnd)) }
	}
	steps := ""
	if dt, n, ok := plan.StepSize(); ok {
		steps = fmt.Sprintf(", dt = %.3g, about %d steps", dt, n)
		if n > warnSteps {
			log.Warn(fmt.Sprintf("the run will take about %d steps of dt = %.3g to t_end = %g; "+
				"it may take long (lower time.t_end, or raise the step)", n, dt, plan.Time.TEnd))
		}
	}
	opt.Started = func(staging string) {
		log.Debug("run started", "deck", name, "model", plan.Model, "out", out, "staging", staging,
			"t_end", plan.Time.TEnd)
		if !quiet && !asJSON {
			fmt.Fprintf(stderr, "%s with model %s to t = %g%s; writing %s (moved to %s at the end)\n",
				name, plan.Model, plan.Time.TEnd, steps, staging, out)
		}
	}
	sum, runErr := plan.Run(ctx, out, opt)
	if bar != nil {
		bar.Finish()
	}
	if sum == nil {
		return inputErr(runErr)
	}
	log.Debug("run finished", "status", sum.Status, "steps", sum.Steps, "wall_s",
		fmt.Sprintf("%.2f", sum.WallSeconds), "folder", sum.Dir)
	if asJSON {
		js, _ := json.MarshalIndent(struct {
			Dir string `json:"dir"`
			*driver.Summary
		}{sum.Dir, sum}, "", "  ")
		fmt.Fprintln(stdout, string(js))
	} else {
		printSummary(stdout, sum)
	}
	switch {
	case runErr == nil:
		return nil
	case sum.StatusCode == sim.Interrupted || errors.Is(runErr, context.Canceled):
		return codedError{code: exitInterrupted, err: fmt.Errorf("interrupted at t = %.4g; partial run in %s", sum.Time, sum.Dir)}
	default:
		return codedError{code: exitFailed, err: fmt.Errorf("run failed (%s): %v; partial run in %s", sum.Status, runErr, sum.Dir)}
	}
}

// warnSteps is the number of steps above which a run warns at start that it may take long.
const warnSteps = 100_000

// dropTime removes the time stamp from log lines: a terminal user sees them as they come.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func presetsCommand() *cli.Command {
	return &cli.Command{
		Name:  "presets",
		Usage: "list the preset decks with a one-line description each",
		Action: func(c *cli.Context) error {
			for _, n := range examples.Names() {
				data, err := examples.Read(n)
				if err != nil {
					return err
				}
				d, err := deck.Parse(n, data)
				if err != nil {
					return err
				}
				desc, _ := d.String("description", "")
				if desc == "" {
					desc, _ = d.String("title", "")
				}
				fmt.Fprintf(c.App.Writer, "%-22s %s\n", n, desc)
			}
			return nil
		},
	}
}

// num formats a value of the summary with six significant digits and a sign column.
func num(v float64) string { return fmt.Sprintf("% .6g", v) }

// percent formats a relative difference in percent, in exponent form when below 0.01%.
func percent(r float64) string {
	if math.Abs(r) < 1e-4 {
		return fmt.Sprintf("%+.1e%%", 100*r)
	}
	return fmt.Sprintf("%+.2f%%", 100*r)
}

// summaryLabel is the width of the label column of the text summary.
const summaryLabel = 16

// printSummary writes the headline figures, one aligned line each: the run, each measured
// value beside its theory or exact value with the relative difference, the conservation drifts
// over the run, and why a fit failed. It reads the keys every model uses (see driver.Summary):
// gamma, omega with gamma_theory, omega_theory; err_l1, err_l2, err_linf; m4 with m4_exact;
// aniso with aniso_exact; <quantity>_drift; fit_error.
func printSummary(w io.Writer, s *driver.Summary) {
	line := func(label, format string, a ...any) {
		fmt.Fprintf(w, "%-*s %s\n", summaryLabel, label, fmt.Sprintf(format, a...))
	}
	run := s.Deck + " with model " + s.Model
	if s.Title != "" {
		run += " (deck title: " + s.Title + ")"
	}
	line("run", "%s", run)
	line("run folder", "%s", s.Dir)
	line("status", "%s after %d steps, t = %.4g, %.2f s", s.Status, s.Steps, s.Time, s.WallSeconds)
	m := s.Measured
	f := func(k string) (float64, bool) { v, ok := m[k].(float64); return v, ok }
	// compare prints value against reference: the relative difference (value − ref)/|ref|,
	// or the absolute one where the reference is zero.
	compare := func(label, key, refKey, refName string) {
		v, ok := f(key)
		if !ok {
			return
		}
		ref, ok := f(refKey)
		if !ok {
			line(label, "%s", num(v))
			return
		}
		if ref == 0 {
			line(label, "%-12s %-6s %-12s difference %+.2e", num(v), refName, num(ref), v-ref)
			return
		}
		line(label, "%-12s %-6s %-12s relative difference %s", num(v), refName, num(ref),
			percent((v-ref)/math.Abs(ref)))
	}
	for _, q := range []struct{ sym, key string }{{"γ", "gamma"}, {"ω", "omega"}} {
		if _, ok := f(q.key + "_theory"); ok {
			compare("measured "+q.sym, q.key, q.key+"_theory", "theory")
			continue
		}
		if lin, ok := f(q.key + "_linear_theory"); ok {
			if v, ok := f(q.key); ok {
				line("measured "+q.sym, "%-12s linear theory %s (not compared: the "+
					"perturbation is nonlinear)", num(v), num(lin))
			}
			continue
		}
		compare("measured "+q.sym, q.key, "", "")
	}
	for _, q := range []struct{ label, key string }{{"early γ", "gamma_early"}, {"late γ", "gamma_late"}} {
		if _, ok := f(q.key); ok {
			compare(q.label, q.key, q.key+"_reference", "ref.")
			a, _ := f(q.key + "_t_min")
			b, _ := f(q.key + "_t_max")
			line("", "fitted on t from %.4g to %.4g; reference: %v", a, b, m[q.key+"_reference_source"])
		} else if e, ok := m[q.key+"_error"].(string); ok {
			line(q.label, "%s", e)
		}
	}
	if a, ok := f("fit_t_min"); ok {
		b, _ := f("fit_t_max")
		fit := fmt.Sprintf("t from %.4g to %.4g", a, b)
		if n, ok := m["fit_points"]; ok {
			fit += fmt.Sprintf(", %v points", n)
		}
		if r2, ok := f("fit_r2"); ok {
			fit += fmt.Sprintf(", r² = %.4f", r2)
		}
		line("fit window", "%s", fit)
	}
	for _, e := range []struct{ label, key string }{{"L1 error", "err_l1"}, {"L2 error", "err_l2"},
		{"L∞ error", "err_linf"}} {
		if v, ok := f(e.key); ok {
			line(e.label, "%.3e   (against the exact solution at t = %.4g)", v, s.Time)
		}
	}
	compare("E|v|⁴", "m4", "m4_exact", "exact")
	compare("Txx − Tyy", "aniso", "aniso_exact", "exact")
	for _, d := range []struct{ label, key, kind string }{
		{"mass drift", "mass_drift", "relative"},
		{"momentum drift", "momentum_drift", "absolute"},
		{"px drift", "px_drift", "absolute"},
		{"py drift", "py_drift", "absolute"},
		{"energy drift", "energy_drift", "relative"},
		{"energy drift", "total_energy_drift", "relative"},
	} {
		if v, ok := f(d.key); ok {
			line(d.label, "%.2e   (largest %s change over the run)", v, d.kind)
		}
	}
	if n, ok := m["entropy_rises"].(int); ok {
		if n == 0 {
			line("entropy", "∫ f log f never rose")
		} else if r, ok := f("entropy_largest_rise"); ok {
			line("entropy", "∫ f log f rose %d times, by at most %.2e", n, r)
		}
	}
	for _, e := range []struct{ label, key string }{{"fit failed", "fit_error"},
		{"fit note", "fit_note"}, {"theory failed", "theory_error"}} {
		if v, ok := m[e.key].(string); ok {
			line(e.label, "%s", v)
		}
	}
	if s.MeasureErr != "" {
		line("measure failed", "%s", s.MeasureErr)
	}
}
