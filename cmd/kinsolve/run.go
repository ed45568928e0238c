package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
			&cli.BoolFlag{Name: "json", Usage: "print summary.json to stdout instead of the text summary (implies no progress bar)"},
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
	if quiet || asJSON {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

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
	if !c.IsSet("out") {
		out = filepath.Join("runs", name+"-"+time.Now().Format("20060102-150405"))
		if err := os.MkdirAll("runs", 0o755); err != nil {
			return err
		}
	}
	if err := driver.CheckOutput(out); err != nil {
		return inputErr(err)
	}
	plan, err := driver.Prepare(d)
	if err != nil {
		return inputErr(err)
	}
	defer plan.Close()

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
	log.Info("run started", "deck", name, "model", plan.Model, "out", out, "t_end", plan.Time.TEnd)
	sum, runErr := plan.Run(ctx, out, opt)
	if bar != nil {
		bar.Finish()
	}
	if sum == nil {
		return inputErr(runErr)
	}
	log.Info("run finished", "status", sum.Status, "steps", sum.Steps, "wall_s", fmt.Sprintf("%.2f", sum.WallSeconds), "folder", sum.Dir)
	if asJSON {
		js, _ := json.MarshalIndent(sum, "", "  ")
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

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// printSummary writes the headline figures: measured rates beside theory, conservation.
func printSummary(w io.Writer, s *driver.Summary) {
	fmt.Fprintf(w, "run folder   %s\n", s.Dir)
	fmt.Fprintf(w, "status       %s after %d steps, t = %.4g, %.2f s\n", s.Status, s.Steps, s.Time, s.WallSeconds)
	m := s.Measured
	f := func(k string) (float64, bool) { v, ok := m[k].(float64); return v, ok }
	for _, q := range []struct{ sym, key string }{{"γ", "gamma"}, {"ω", "omega"}} {
		v, ok := f(q.key)
		if !ok {
			continue
		}
		line := fmt.Sprintf("%-12s %.6f", "measured "+q.sym, v)
		if th, ok := f(q.key + "_theory"); ok {
			line += fmt.Sprintf("   theory %.6f", th)
			if r, ok := f(q.key + "_rel_error"); ok {
				line += fmt.Sprintf("   (%+.2f%%)", 100*r)
			}
		}
		fmt.Fprintln(w, line)
	}
	if e, ok := m["fit_error"].(string); ok {
		fmt.Fprintf(w, "fit          %s\n", e)
	}
	if v, ok := f("mass_drift"); ok {
		fmt.Fprintf(w, "mass drift   %.2e (relative)\n", v)
	}
	if v, ok := f("total_energy_drift"); ok {
		fmt.Fprintf(w, "energy drift %.2e (relative)\n", v)
	}
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
