// Package benchcmd is the `kinsolve bench` command: it runs the benchmark suite of package
// bench on every backend in the binary and writes the table to the terminal and bench.csv
// and bench.json to the output folder. Bad flags exit with status 2 and a one-line message
// that names the flag and the allowed values, before the output folder is created.
package benchcmd

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kinsolve/kinsolve/bench"
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
			"error and the speed-up over the reference. --quick (the default) fits a " +
			"two-core machine in about a minute; --full uses hundreds of spatial cells.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "full", Usage: "production batch sizes (slow on CPU-only machines)"},
			&cli.StringFlag{Name: "out", Value: "runs/bench", Usage: "folder for bench.csv and bench.json"},
			&cli.StringSliceFlag{Name: "backend",
				Usage: "backends to run (repeat or comma-separate); default: all in this build"},
			&cli.StringSliceFlag{Name: "kernel", Value: cli.NewStringSlice("landau", "advection"),
				Usage: "kernels to run: landau, advection"},
			&cli.DurationFlag{Name: "min-time", Usage: "least time spent timing each backend " +
				"on each case (default 200ms quick, 1s full)"},
		},
		Action: run,
	}
}

// badInput gives err exit status 2, the command line's status for bad input.
func badInput(err error) error { return cli.Exit(err.Error(), 2) }

func run(c *cli.Context) error {
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
	out := c.String("out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	rs, err := bench.Run(ctx, cfg, func(msg string) { slog.Info("bench", "step", msg) })
	if err != nil {
		return err
	}
	if err := bench.Table(c.App.Writer, rs); err != nil {
		return err
	}
	csvPath, jsonPath := filepath.Join(out, "bench.csv"), filepath.Join(out, "bench.json")
	if err := bench.WriteCSV(csvPath, rs); err != nil {
		return err
	}
	if err := bench.WriteJSON(jsonPath, cfg, rs); err != nil {
		return err
	}
	slog.Info("bench results written", "csv", csvPath, "json", jsonPath)
	return nil
}
