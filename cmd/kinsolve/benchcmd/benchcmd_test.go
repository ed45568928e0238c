package benchcmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func app(out *bytes.Buffer) *cli.App {
	return &cli.App{Name: "kinsolve", Writer: out, ErrWriter: out,
		Commands: []*cli.Command{Command()}, ExitErrHandler: func(*cli.Context, error) {}}
}

// TestBenchAdvection runs the command on the advection kernel alone and checks the table and
// the two output files.
func TestBenchAdvection(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	err := app(&out).Run([]string{"kinsolve", "bench", "--kernel", "advection",
		"--backend", "cpu", "--min-time", "1ms", "--out", dir})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "advection") || !strings.Contains(out.String(), "upd/s") {
		t.Errorf("table:\n%s", out.String())
	}
	for _, f := range []string{"bench.csv", "bench.json"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestBenchBadFlags checks that each bad flag is refused with exit status 2 and a message
// naming the flag and the allowed values, before the output folder is created.
func TestBenchBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kernel", "fft"}, `--kernel "fft" out of range: must be landau or advection`},
		{[]string{"--kernel", "nope"}, `--kernel "nope" out of range`},
		{[]string{"--backend", "opencl"}, `--backend: backend "opencl" unknown: must be one of`},
		{[]string{"--min-time", "-1s"}, "--min-time = -1s out of range: must be 0s to 1h"},
		{[]string{"--min-time", "2h"}, "--min-time = 2h0m0s out of range"},
	} {
		var out bytes.Buffer
		dir := filepath.Join(t.TempDir(), "bench")
		args := append([]string{"kinsolve", "bench", "--out", dir}, tc.args...)
		err := app(&out).Run(args)
		code := 0
		if ec, ok := err.(cli.ExitCoder); ok {
			code = ec.ExitCode()
		}
		if err == nil || code != 2 || !strings.Contains(err.Error(), tc.want) ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: exit %d, error %v; want 2 and one line containing %q", tc.args,
				code, err, tc.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%v: output folder created despite bad input", tc.args)
		}
	}
}
