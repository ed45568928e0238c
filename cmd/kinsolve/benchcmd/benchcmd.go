// Package benchcmd is the `kinsolve bench` command: it runs the benchmark suite of package
// bench on every backend in the binary and writes the table to the terminal and bench.csv
// and bench.json to a new output folder (--out, or runs/bench-<YYYYmmdd-HHMMSS>), staged and
// renamed into place by package outdir; progress goes to standard error through log/slog's
// text handler. Bad flags and an existing folder exit with status 2 and a one-line message
// that names the flag and the allowed values, before anything is measured or created.
package benchcmd

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kinsolve/kinsolve/bench"
	"github.com/kinsolve/kinsolve/internal/outdir"
	"github.com/kinsolve/kinsolve/solver/backend"
)

// Command returns the bench command.
func Command() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "time the Landau and advection kernels on every backend against the Go reference",
		Description: "Runs each kernel on the same input on every backend in this build " +
			"(" + strings.Join(backend.Names(), ", ") + "), checks each result against the " +
			"reference (cpu-direct for Landau, cpu for advection) and reports time per " +
			"evaluation, pair interactions or updates per second, the largest relative " +
			"error and the speed-up over the reference; device backends also report the " +
			"time on data already in device memory (kernel only).\n\n" +
			"By default the quick suite runs (Landau on 32², 64² and 128² velocity grids " +
			"with a few spatial cells, advection on 64×32² and 128×64²): about a minute on " +
			"two cores. --full uses hundreds of spatial cells.\n\n" +
			"Writes bench.csv and bench.json (results, configuration and host) into a new " +
			"folder: --out, or runs/bench-YYYYmmdd-HHMMSS. Bad flags and an existing --out " +
			"exit with status 2 before anything runs.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "full", Usage: "production batch sizes (slow on CPU-only " +
				"machines) instead of the quick suite"},
			&cli.StringFlag{Name: "out", Usage: "folder to create for bench.csv and " +
				"bench.json; must not exist (default runs/bench-YYYYmmdd-HHMMSS)"},
			&cli.StringSliceFlag{Name: "backend",
				Usage: "backends to run (repeat or comma-separate); default: all in this build"},
			&cli.StringSliceFlag{Name: "kernel", Value: cli.NewStringSlice("landau", "advection"),
				Usage: "kernels to run: landau, advection"},
			&cli.DurationFlag{Name: "min-time", Usage: "least time spent timing each backend " +
				"on each case; 0 means 200ms (quick) or 1s (--full)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "log each step on " +
				"standard error"},
		},
		Action: run,
		// A flag the parser refuses is one line and exit status 2, not the help text.
		OnUsageError: func(_ *cli.Context, err error, _ bool) error { return badInput(err) },
	}
}

// badInput gives err exit status 2, the command line's status for bad input.
func badInput(err error) error { return cli.Exit(err.Error(), 2) }

func run(c *cli.Context) error {
	level := slog.LevelWarn
	if c.Bool("verbose") {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level}))
	cfg := bench.Quick()
	if c.Bool("full") {
		cfg = bench.Full()
	}
	if c.IsSet("min-time") {
		cfg.MinTime = c.Duration("min-time")
		if cfg.MinTime < 0 || cfg.MinTime > time.Hour {
			return badInput(fmt.Errorf("--min-time = %v out of range: must be 0s to 1h",
				cfg.MinTime))
		}
	}
	for _, name := range c.StringSlice("backend") {
		for _, n := range strings.Split(name, ",") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if !backend.Has(n) {
				_, err := backend.Get(n) // the error names the build that has it
				return badInput(fmt.Errorf("--backend: %w", err))
			}
			cfg.Backends = append(cfg.Backends, n)
		}
	}
	var landau, adv bool
	for _, k := range c.StringSlice("kernel") {
		for _, n := range strings.Split(k, ",") {
			switch strings.TrimSpace(n) {
			case "landau":
				landau = true
			case "advection":
				adv = true
			default:
				return badInput(fmt.Errorf("--kernel %q out of range: must be landau or "+
					"advection", n))
			}
		}
	}
	if !landau {
		cfg.Landau = nil
	}
	if !adv {
		cfg.Advection = nil
	}
	if err := cfg.Validate(); err != nil {
		return badInput(err)
	}
	target := c.String("out")
	if !c.IsSet("out") {
		target = outdir.Default("bench", time.Now())
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return cli.Exit(fmt.Sprintf("--out: %v", err), 1)
		}
	}
	if err := outdir.Check(target); err != nil {
		return badInput(err)
	}
	out, err := outdir.Stage(target)
	if err != nil {
		return cli.Exit(err.Error(), 1)
	}
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	rs, err := bench.Run(ctx, cfg, func(msg string) { log.Info("bench", "step", msg) })
	if err == nil {
		err = bench.Table(c.App.Writer, rs)
	}
	var csvBuf, jsonBuf bytes.Buffer
	if err == nil {
		err = bench.EncodeCSV(&csvBuf, rs)
	}
	if err == nil {
		err = bench.EncodeJSON(&jsonBuf, cfg, rs)
	}
	if err == nil {
		err = out.WriteFile("bench.csv", csvBuf.Bytes())
	}
	if err == nil {
		err = out.WriteFile("bench.json", jsonBuf.Bytes())
	}
	if err == nil {
		err = out.Commit()
	}
	if err != nil {
		out.Abort()
		return cli.Exit(err.Error(), 1)
	}
	log.Info("bench results written", "out", out.Target())
	fmt.Fprintf(c.App.Writer, "wrote %s\n", out.Target())
	return nil
}
