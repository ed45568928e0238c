package popcmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

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

// newOutDir stages the folder named by --out or, without it, runs/<name>-<YYYYmmdd-HHMMSS>
// (creating runs/ if needed).
func newOutDir(c *cli.Context, name string) (*outDir, error) {
	target := c.String("out")
	if !c.IsSet("out") {
		target = defaultOut(name, time.Now())
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, cli.Exit(fmt.Sprintf("--out: %v", err), 1)
		}
	}
	if target == "" {
		return nil, badInput(errors.New("--out is empty: allowed a path to a folder that " +
			"does not exist yet"))
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

// defaultOut is the folder of a run named name started at t without --out.
func defaultOut(name string, t time.Time) string { return outdir.Default(name, t) }

// commit renames the staged folder to the target.
func (o *outDir) commit() error {
	if err := o.Commit(); err != nil {
		o.abort()
		return cli.Exit(err.Error(), 1)
	}
	return nil
}

// finish completes the output after the files were written with error err: on an error it
// removes the staged folder and reports which folder could not be written (exit status 1),
// otherwise it moves the folder into place.
func (o *outDir) finish(err error) error {
	if err != nil {
		o.abort()
		return cli.Exit(fmt.Sprintf("writing %s: %v", o.Target(), err), 1)
	}
	return o.commit()
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

// linePlot writes the figure name into o: lines with a logarithmic y axis (values below floor
// are drawn at floor) and the legend beside the axes, where it cannot hide a line.
func linePlot(o *outDir, name, title, xlabel, ylabel string, lines []series, floor float64) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
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
	return o.savePlots(name, []*plot.Plot{p}, p.Legend, 7.5*vg.Inch, 4.5*vg.Inch)
}

// savePlots draws plots side by side and legend in a strip at their right, outside every
// data area, and writes the PNG as name into o. The plots' own legends are not drawn.
func (o *outDir) savePlots(name string, plots []*plot.Plot, legend plot.Legend,
	w, h vg.Length) error {
	img := vgimg.New(w, h)
	dc := draw.New(img)
	legend.Top, legend.Left = true, true
	lw := legend.Rectangle(dc).Size().X + vg.Points(12)
	for _, p := range plots {
		p.Legend = plot.NewLegend()
		// A log axis over a single value (one point, or a flat line) would be widened by
		// ±1 and reach below zero: widen it by a factor of 2 instead.
		if _, ok := p.Y.Scale.(plot.LogScale); ok && p.Y.Min == p.Y.Max && p.Y.Min > 0 {
			p.Y.Min, p.Y.Max = p.Y.Min/2, p.Y.Max*2
		}
	}
	area := dc
	area.Max.X -= lw
	tiles := draw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Points(8)}
	for j, c := range plot.Align([][]*plot.Plot{plots}, tiles, area)[0] {
		plots[j].Draw(c)
	}
	strip := dc
	strip.Min.X = area.Max.X + vg.Points(6)
	strip.Max.Y -= vg.Points(30) // below the title line
	legend.Draw(strip)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return err
	}
	return o.WriteFile(name, buf.Bytes())
}

// logTicks marks a logarithmic axis with enough labelled ticks to read values off it. Over
// three decades or more it labels powers of ten (every k-th one past ten decades) with the
// other digits as unlabelled minor ticks; over fewer it labels mantissas 1, 2, 5 or, if that
// gives fewer than three labels, 1, 2, 3, 5 and then every digit. A range inside one
// mantissa step falls back to linear ticks. Labels are the shortest decimal that names the
// tick ('g' format).
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) || math.IsInf(hi, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	e0, e1 := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	// tick is m·10^e, parsed from its decimal form so that it carries no rounding error.
	tick := func(m, e int) float64 {
		v, _ := strconv.ParseFloat(fmt.Sprintf("%de%d", m, e), 64)
		return v
	}
	in := func(v float64) bool { return v >= lo*(1-1e-12) && v <= hi*(1+1e-12) }
	var ticks []plot.Tick
	if math.Log10(hi/lo) >= 3 {
		step := max((e1-e0+9)/10, 1)
		for e := e0; e <= e1; e++ {
			for m := 1; m <= 9; m++ {
				if v := tick(m, e); in(v) && (m == 1 || step == 1) {
					t := plot.Tick{Value: v}
					if m == 1 && e%step == 0 {
						t.Label = strconv.FormatFloat(v, 'g', -1, 64)
					}
					ticks = append(ticks, t)
				}
			}
		}
		return ticks
	}
	for _, labelled := range [][]int{{1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		ticks = ticks[:0]
		n := 0
		for e := e0; e <= e1; e++ {
			for m := 1; m <= 9; m++ {
				v := tick(m, e)
				if !in(v) {
					continue
				}
				t := plot.Tick{Value: v}
				if slices.Contains(labelled, m) {
					t.Label = strconv.FormatFloat(v, 'g', -1, 64)
					n++
				}
				ticks = append(ticks, t)
			}
		}
		if n >= 3 {
			return ticks
		}
	}
	return plot.DefaultTicks{}.Ticks(lo, hi)
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
