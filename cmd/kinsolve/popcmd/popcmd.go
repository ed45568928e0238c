// Package popcmd holds the population-dynamics commands of the kinsolve command line:
// "anneal" (CAST and simulated annealing on standard test functions, and their comparison)
// and "train-demo" (population training of a two-layer network against random search). The
// main program adds them with app.Commands = append(app.Commands, popcmd.Commands()...).
//
// Each run writes CSV histories, summary.json and PNG figures into a new folder given by
// --out, staged in a temporary folder beside it and renamed into place when complete. Bad
// input exits with status 2 and a message that names the flag and the allowed range.
package popcmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
)

// Commands returns the "anneal" and "train-demo" commands.
func Commands() []*cli.Command {
	return []*cli.Command{annealCommand(), trainCommand()}
}

func commonFlags(function, method string, dim, agents int) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "function", Aliases: []string{"f"}, Value: function,
			Usage: "test function or regression target"},
		&cli.IntFlag{Name: "dim", Aliases: []string{"d"}, Value: dim, Usage: "dimension, ≥ 1"},
		&cli.StringFlag{Name: "method", Aliases: []string{"m"}, Value: method,
			Usage: "method, a comma-separated list, or \"all\""},
		&cli.IntFlag{Name: "agents", Aliases: []string{"n"}, Value: agents,
			Usage: "number of agents, ≥ 2"},
		&cli.Int64Flag{Name: "budget", Aliases: []string{"b"},
			Usage: "total work: energy evaluations (anneal) or gradient steps (train-demo); " +
				"0 picks a default"},
		&cli.Uint64Flag{Name: "seed", Aliases: []string{"s"}, Value: 1, Usage: "random seed"},
		&cli.StringFlag{Name: "out", Aliases: []string{"o"},
			Usage: "output folder to create (must not exist)", Required: true},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar"},
		&cli.BoolFlag{Name: "json", Usage: "print the summary as JSON on standard output"},
	}
}

// methods expands a comma-separated --method value against the allowed names.
func methods(value string, allowed []string) ([]string, error) {
	if strings.TrimSpace(value) == "all" {
		return allowed, nil
	}
	var out []string
	for _, m := range strings.Split(value, ",") {
		m = strings.ToLower(strings.TrimSpace(m))
		ok := false
		for _, a := range allowed {
			ok = ok || a == m
		}
		if !ok {
			return nil, badInput(fmt.Errorf("--method: %q unknown: must be one of %s or all",
				m, strings.Join(allowed, ", ")))
		}
		out = append(out, m)
	}
	return out, nil
}

func stderr(c *cli.Context) io.Writer {
	if c.App != nil && c.App.ErrWriter != nil {
		return c.App.ErrWriter
	}
	return os.Stderr
}

func stdout(c *cli.Context) io.Writer {
	if c.App != nil && c.App.Writer != nil {
		return c.App.Writer
	}
	return os.Stdout
}
