package popcmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/kinsolve/kinsolve/internal/outdir"
	"github.com/kinsolve/kinsolve/population"
)

// badInput wraps err as a usage error: exit status 2.
func badInput(err error) error { return cli.Exit(err.Error(), 2) }

// classify gives configuration errors of the population package exit status 2 and any other
// failure status 1.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, population.ErrConfig) {
		return badInput(err)
	}
	return cli.Exit(err.Error(), 1)
}

// outDir stages the files of a run in a folder next to the target and renames it into place
// at the end, so the target appears complete or not at all (package outdir).
type outDir struct{ *outdir.Dir }

func newOutDir(target string) (*outDir, error) {
	if target == "" {
		return nil, badInput(errors.New("--out: an output folder is required"))
	}
	if err := outdir.Check(target); err != nil {
		return nil, badInput(err)
	}
	d, err := outdir.Stage(target)
	if err != nil {
		return nil, cli.Exit(err.Error(), 1)
	}
	return &outDir{d}, nil
}

func (o *outDir) path(name string) string { return o.Path(name) }

// commit renames the staged folder to the target.
func (o *outDir) commit() error {
	if err := o.Commit(); err != nil {
		o.abort()
		return cli.Exit(err.Error(), 1)
	}
	return nil
}

// abort removes the staged folder (after a failure).
func (o *outDir) abort() { o.Abort() }

func (o *outDir) writeCSV(name string, header []string, rows [][]string) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		return err
	}
	return o.WriteFile(name, buf.Bytes())
}

func (o *outDir) writeJSON(name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return o.WriteFile(name, append(b, '\n'))
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

// jsonFloat encodes NaN and ±Inf, which JSON lacks, as null.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(v, 'g', -1, 64)), nil
}

// series is one line of a figure.
type series struct {
	name string
	xy   plotter.XYs
}

// linePlot saves lines with a logarithmic y axis (values below floor are drawn at floor).
func linePlot(path, title, xlabel, ylabel string, lines []series, floor float64) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	p.Legend.Top = true
	for k, s := range lines {
		xy := make(plotter.XYs, len(s.xy))
		for j, pt := range s.xy {
			xy[j] = plotter.XY{X: pt.X, Y: math.Max(pt.Y, floor)}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(k)
		l.Dashes = plotutil.Dashes(k)
		l.Width = vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(s.name, l)
	}
	return p.Save(7*vg.Inch, 4.5*vg.Inch, path)
}

// progress is a Recorder that drives a progress bar over a known total of work units.
type progress struct {
	bar    *progressbar.ProgressBar
	offset int64 // work done by earlier runs
}

func newProgress(w io.Writer, quiet bool, total int64, desc string) *progress {
	if quiet || !isTerminal(w) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions64(total, progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc), progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000))}
}

func (p *progress) set(done int64) {
	if p.bar != nil {
		p.bar.Set64(p.offset + done)
	}
}

func (p *progress) next(done int64) { p.offset += done }

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
