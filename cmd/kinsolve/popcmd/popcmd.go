// Package popcmd holds the population-dynamics commands of the kinsolve command line:
// "anneal" (CAST and simulated annealing on standard test functions, and their comparison)
// and "train-demo" (population training of a two-layer network against random search). The
// main program adds them with app.Commands = append(app.Commands, popcmd.Commands()...).
//
// Each run writes CSV tables, summary.json and PNG figures into a new folder given by --out
// (by default runs/<command>-<YYYYmmdd-HHMMSS>), staged in a temporary folder beside it and
// renamed into place when complete. Bad input, including an unknown flag or a value of the
// wrong type, exits with status 2 and a one-line message that names the flag and the allowed
// range; nothing is written then.
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

// sharedFlags are the flags that mean the same in every command of the package; name is the
// command's name, which starts the default output folder.
func sharedFlags(name string) []cli.Flag {
	return []cli.Flag{
		&cli.Uint64Flag{Name: "seed", Aliases: []string{"s"}, Value: 1, Usage: "random seed"},
		&cli.StringFlag{Name: "out", Aliases: []string{"o"},
			Usage: "output folder to create; must not exist (default runs/" + name +
				"-YYYYmmdd-HHMMSS)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar"},
		&cli.BoolFlag{Name: "json", Usage: "print the summary as JSON on standard output"},
	}
}

// usageError turns a flag the parser refuses (unknown, or a value of the wrong type) into one
// line and exit status 2, instead of the help text.
func usageError(_ *cli.Context, err error, _ bool) error { return badInput(err) }

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
