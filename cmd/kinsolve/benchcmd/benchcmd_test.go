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
		Commands: []*cli.Command{Command()}}
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

func TestBenchBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kernel", "fft"}, `--kernel "fft" out of range`},
		{[]string{"--backend", "opencl"}, `"opencl" unknown`},
	} {
		var out bytes.Buffer
		args := append([]string{"kinsolve", "bench", "--out", t.TempDir()}, tc.args...)
		err := app(&out).Run(args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}
