package driver

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/kinsolve/kinsolve/solver/sim"
)

// figures writes the PNG figures of a run: field_energy.png (when the model reports a
// field_energy column), f_xv.png (when it saved snapshots of an f over x and v_x) and
// diagnostics.png (the change of every diagnostic since t = 0).
func (w *writer) figures(measured map[string]any) (err error) {
	// gonum/plot panics on some degenerate data; a figure is not worth losing the run folder
	// for, so such a panic becomes the error of the figure step.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("figures: %v", r)
		}
	}()
	if err := w.fieldEnergyFigure(measured); err != nil {
		return fmt.Errorf("figure field_energy.png: %w", err)
	}
	if err := w.heatFigure(); err != nil {
		return fmt.Errorf("figure of f: %w", err)
	}
	if err := w.momentsFigure(); err != nil {
		return fmt.Errorf("figure moments.png: %w", err)
	}
	if err := w.seriesFigure(); err != nil {
		return fmt.Errorf("figure diagnostics.png: %w", err)
	}
	return nil
}

func (w *writer) savePlots(name string, plots [][]*plot.Plot, width, height vg.Length) error {
	img := vgimg.New(width, height)
	dc := draw.New(img)
	rows, cols := len(plots), len(plots[0])
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2,
		PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		for j, p := range plots[i] {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return err
	}
	return w.writeFile(name, buf.Bytes())
}

// spansDecades reports whether pts can be drawn on a log scale: at least two points, all y
// positive, and not all equal (gonum/plot widens an empty range by ±1, which a log axis
// cannot hold).
func spansDecades(pts plotter.XYs) bool {
	if len(pts) < 2 {
		return false
	}
	lo, hi := pts[0].Y, pts[0].Y
	for _, p := range pts {
		if !(p.Y > 0) || math.IsInf(p.Y, 0) {
			return false
		}
		lo, hi = math.Min(lo, p.Y), math.Max(hi, p.Y)
	}
	return hi > lo
}

// positive returns the points (t, v) with v > 0.
func positive(t, v []float64) plotter.XYs {
	var pts plotter.XYs
	for i := range v {
		if v[i] > 0 {
			pts = append(pts, plotter.XY{X: t[i], Y: v[i]})
		}
	}
	return pts
}

func num(m map[string]any, key string) (float64, bool) {
	v, ok := m[key].(float64)
	return v, ok && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// timeLabel labels time axes: gonum/plot draws text as it is, so the unit is written
// without TeX subscripts. A model whose time is not in plasma periods says so through
// timeUnit.
const timeLabel = "t (1/ωp)"

// timeUnit is implemented by simulations whose time axis has another unit than 1/ω_p.
type timeUnit interface{ TimeLabel() string }

// timeAxis returns the label of the run's time axes.
func (w *writer) timeAxis() string {
	if w.timeLabel != "" {
		return w.timeLabel
	}
	return timeLabel
}

// fieldEnergyFigure plots ½∫E²dx on a log scale with the fitted line
// log W = fit_log_w0 + 2·gamma·t over [fit_t_min, fit_t_max] when the model measured one.
func (w *writer) fieldEnergyFigure(measured map[string]any) error {
	t, we := w.hist.Column("t"), w.hist.Column("field_energy")
	if we == nil {
		return nil
	}
	var pts plotter.XYs
	for i := range t {
		if we[i] > 0 {
			pts = append(pts, plotter.XY{X: t[i], Y: we[i]})
		}
	}
	if !spansDecades(pts) {
		return nil
	}
	p := plot.New()
	p.Title.Text = "Field energy"
	p.X.Label.Text = w.timeAxis()
	p.Y.Label.Text = "½∫E² dx"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: 1}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	p.Add(l)
	p.Legend.Add("simulation", l)
	g, ok1 := num(measured, "gamma")
	c, ok2 := num(measured, "fit_log_w0")
	a, ok3 := num(measured, "fit_t_min")
	b, ok4 := num(measured, "fit_t_max")
	if ok1 && ok2 && ok3 && ok4 {
		fit := plotter.XYs{{X: a, Y: math.Exp(c + 2*g*a)}, {X: b, Y: math.Exp(c + 2*g*b)}}
		fl, err := plotter.NewLine(fit)
		if err != nil {
			return err
		}
		fl.Color = color.RGBA{R: 220, A: 255}
		fl.Width = vg.Points(2)
		fl.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		p.Add(fl)
		label := fmt.Sprintf("fit γ = %.5f", g)
		if th, ok := num(measured, "gamma_theory"); ok {
			label += fmt.Sprintf(" (theory %.5f)", th)
		}
		p.Legend.Add(label, fl)
		if om, ok := num(measured, "omega"); ok {
			label := fmt.Sprintf("fit ω = %.5f", om)
			if th, ok := num(measured, "omega_theory"); ok {
				label += fmt.Sprintf(" (theory %.5f)", th)
			}
			p.Legend.Add(label)
		}
	} else if th, ok := num(measured, "omega_theory"); ok {
		p.Legend.Add(fmt.Sprintf("theory ω = %.5f", th))
	}
	placeLegend(p, pts)
	return w.savePlots("field_energy.png", [][]*plot.Plot{{p}}, 16*vg.Centimeter, 10*vg.Centimeter)
}

// heatGrid adapts a heat frame to plotter.GridXYZ: columns are x, rows are v_x.
type heatGrid struct{ heatFrame }

// smallPerturbation reports whether f(x, v) departs from its x average by less than 5% of its
// peak, as in linear runs, where a map of f itself looks uniform.
func smallPerturbation(hf heatFrame) bool {
	d := perturbation(hf)
	var dmax, fmax float64
	for i, v := range hf.values {
		fmax = math.Max(fmax, math.Abs(v))
		dmax = math.Max(dmax, math.Abs(d.values[i]))
	}
	return dmax < 0.05*fmax
}

// perturbation returns the frame of δf = f − ⟨f⟩ₓ.
func perturbation(hf heatFrame) heatFrame {
	nx, nv := len(hf.x), len(hf.v)
	mean := make([]float64, nv)
	for i := 0; i < nx; i++ {
		for j := 0; j < nv; j++ {
			mean[j] += hf.values[i*nv+j] / float64(nx)
		}
	}
	out := hf
	out.values = make([]float64, len(hf.values))
	for i := 0; i < nx; i++ {
		for j := 0; j < nv; j++ {
			out.values[i*nv+j] = hf.values[i*nv+j] - mean[j]
		}
	}
	return out
}

func (h heatGrid) Dims() (c, r int)   { return len(h.x), len(h.v) }
func (h heatGrid) Z(c, r int) float64 { return h.values[c*len(h.v)+r] }
func (h heatGrid) X(c int) float64    { return h.x[c] }
func (h heatGrid) Y(r int) float64    { return h.v[r] }

// heatFigure draws f(x, v_x) (integrated over the other velocity axes), or f(v_x, v_y) for a
// homogeneous model, at up to four snapshot times spread over the run, into f_xv.png or
// f_v.png. Every panel shares one colour range, shown by the colour bar at the right: [0, max f]
// on a sequential palette, or, when every panel is a small perturbation of its x average (a
// linear run), f − ⟨f⟩ₓ on a diverging palette centred on zero, over ±max|f − ⟨f⟩ₓ|.
func (w *writer) heatFigure() error {
	n := len(w.heat)
	if n == 0 {
		return nil
	}
	var pick []heatFrame
	if n <= 4 {
		pick = append(pick, w.heat...)
	} else {
		for i := 0; i < 4; i++ {
			pick = append(pick, w.heat[i*(n-1)/3])
		}
	}
	name := "f_xv.png"
	if pick[0].xName != "x" {
		name = "f_v.png"
	}
	delta := pick[0].xName == "x"
	for _, hf := range pick {
		delta = delta && smallPerturbation(hf)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range pick {
		if delta {
			pick[i] = perturbation(pick[i])
		}
		for _, v := range pick[i].values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var cm palette.ColorMap
	barLabel := "f"
	if delta {
		a := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -a, a
		cm = moreland.SmoothBlueRed()
		barLabel = "f − x average of f"
	} else {
		lo = math.Min(lo, 0)
		cm = moreland.BlackBody()
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	pal := cm.Palette(64)
	var row []*plot.Plot
	for _, hf := range pick {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("f(%s, %s), t = %.3g", hf.xName, hf.vName, hf.t)
		if delta {
			p.Title.Text = fmt.Sprintf("f − (x average of f), t = %.3g", hf.t)
		}
		p.X.Label.Text = hf.xName
		p.Y.Label.Text = hf.vName
		hm := plotter.NewHeatMap(heatGrid{hf}, pal)
		hm.Min, hm.Max = lo, hi
		hm.Rasterized = true
		p.Add(hm)
		row = append(row, p)
	}
	bar := plot.New()
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.Y.Label.Text = barLabel
	bar.Y.Tick.Marker = readableTicks{}
	plots := [][]*plot.Plot{row[:min(2, len(row))]}
	width, height := 24*vg.Centimeter, 11*vg.Centimeter
	if len(row) > 2 {
		second := row[2:]
		for len(second) < 2 {
			second = append(second, nil)
		}
		plots = append(plots, second)
		height = 22 * vg.Centimeter
	} else if len(row) == 1 {
		width, height = 14*vg.Centimeter, 12*vg.Centimeter
	}
	return w.savePlotsWithBar(name, plots, bar, width, height)
}

// savePlotsWithBar draws plots as savePlots does, beside a colour bar at the right.
func (w *writer) savePlotsWithBar(name string, plots [][]*plot.Plot, bar *plot.Plot,
	width, height vg.Length) error {
	barWidth := 3 * vg.Centimeter
	img := vgimg.New(width+barWidth, height)
	dc := draw.New(img)
	left := draw.Crop(dc, 0, -barWidth, 0, 0)
	rows, cols := len(plots), len(plots[0])
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2,
		PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, left)
	for i := range plots {
		for j, p := range plots[i] {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
	bar.Draw(draw.Crop(dc, width, 0, vg.Centimeter, -vg.Centimeter))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return err
	}
	return w.writeFile(name, buf.Bytes())
}

// readableTicks are plot.DefaultTicks labelled with the fewest significant digits (at least
// two) that tell every labelled tick apart, so that a range such as 18.2101 to 18.2104 is not
// labelled 18.21, 18.21, 18.21.
type readableTicks struct{}

// Ticks implements plot.Ticker.
func (readableTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for prec := 2; prec <= 12; prec++ {
		seen := map[string]bool{}
		distinct := true
		for _, t := range ticks {
			if t.Label == "" {
				continue
			}
			l := strconv.FormatFloat(t.Value, 'g', prec, 64)
			distinct = distinct && !seen[l]
			seen[l] = true
		}
		if distinct || prec == 12 {
			for i := range ticks {
				if ticks[i].Label != "" {
					ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', prec, 64)
				}
			}
			break
		}
	}
	return ticks
}

// expTicks are plot.DefaultTicks labelled in exponent form, %.1e (0 as "0"), for small
// changes such as 2.5e-16.
type expTicks struct{}

// Ticks implements plot.Ticker.
func (expTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label == "" {
			continue
		}
		if math.Abs(ticks[i].Value) < 1e-9*math.Max(math.Abs(lo), math.Abs(hi)) {
			ticks[i].Label = "0"
		} else {
			ticks[i].Label = fmt.Sprintf("%.1e", ticks[i].Value)
		}
	}
	return ticks
}

// placeLegend puts p's legend in the corner of the data area that the points cover least (in
// the plot's axis coordinates, log where the axis is), so that it hides no data, and returns
// how many points lie in that corner.
func placeLegend(p *plot.Plot, sets ...plotter.XYs) int {
	norm := func(a plot.Axis, v float64) float64 { return a.Norm(v) }
	best, bestN := 0, math.MaxInt
	for c := 0; c < 4; c++ {
		top, left := c&1 == 1, c&2 == 2
		n := 0
		for _, pts := range sets {
			for _, q := range pts {
				x, y := norm(p.X, q.X), norm(p.Y, q.Y)
				if math.IsNaN(x) || math.IsNaN(y) {
					continue
				}
				inX := (left && x < 0.5) || (!left && x > 0.5)
				inY := (top && y > 0.6) || (!top && y < 0.4)
				if inX && inY {
					n++
				}
			}
		}
		if n < bestN {
			best, bestN = c, n
		}
	}
	p.Legend.Top, p.Legend.Left = best&1 == 1, best&2 == 2
	return bestN
}

// relatedScale returns the scale against which a column's values count as round-off: the
// thermal momentum √(mass·energy) for momenta, the mean temperature for the off-diagonal
// temperature txy, and 0 (no such scale) for other columns.
func (w *writer) relatedScale(c string) float64 {
	first := func(name string) float64 {
		if v := w.hist.Column(name); len(v) > 0 {
			return math.Abs(v[0])
		}
		return 0
	}
	switch c {
	case "px", "py", "momentum":
		e := first("energy")
		if e == 0 {
			e = first("kinetic_energy")
		}
		return math.Sqrt(first("mass") * e)
	case "txy":
		return 0.5 * (first("txx") + first("tyy"))
	}
	return 0
}

// seriesFigure plots every diagnostic but t, field_energy and the Fourier mode of the field
// (e_mode_re, e_mode_im) against time, one panel each,
// all on the same time axis:
//   - a quantity that stays at round-off level, max|q| < 1e-12 times the scale of a related
//     quantity (momenta, txy; see relatedScale), as its change q − q(0), labelled %.1e;
//   - a quantity whose relative variation over the run is below 1e-3 (a conserved one, or a
//     slowly changing one such as the kinetic energy) as its change since t = 0, relative to
//     the first value (absolute where that is zero), so that drifts are visible and the tick
//     labels do not repeat one rounded value;
//   - an error column (err_…) on a log scale;
//   - any other as its value, with the column <name>_exact, if the model reports one, drawn
//     dashed beside it.
func (w *writer) seriesFigure() error {
	t := w.hist.Column("t")
	has := map[string]bool{}
	for _, c := range w.hist.Columns {
		has[c] = true
	}
	var plots []*plot.Plot
	for _, c := range w.hist.Columns {
		base, isExact := strings.CutSuffix(c, "_exact")
		if c == "t" || c == "field_energy" || strings.HasPrefix(c, "e_mode_") || (isExact && has[base]) {
			continue
		}
		v := w.hist.Column(c)
		p := plot.New()
		p.Title.Text = c
		p.X.Label.Text = w.timeAxis()
		lo, hi := v[0], v[0]
		for _, x := range v {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		scale := math.Max(math.Abs(lo), math.Abs(hi))
		pts := make(plotter.XYs, 0, len(v))
		raw := false // pts holds the values themselves
		p.Y.Tick.Marker = readableTicks{}
		switch {
		case scale < 1e-12*w.relatedScale(c):
			p.Y.Label.Text = c + " − initial"
			p.Y.Tick.Marker = expTicks{}
			for i := range v {
				pts = append(pts, plotter.XY{X: t[i], Y: v[i] - v[0]})
			}
		case hi-lo < 1e-3*scale:
			ref := math.Abs(v[0])
			p.Y.Label.Text = c + " − initial"
			if ref != 0 {
				p.Y.Label.Text = "(" + c + " − initial)/|initial|"
			} else {
				ref = 1
			}
			p.Y.Tick.Marker = expTicks{}
			for i := range v {
				pts = append(pts, plotter.XY{X: t[i], Y: (v[i] - v[0]) / ref})
			}
		case strings.HasPrefix(c, "err_") && spansDecades(positive(t, v)):
			p.Y.Scale = plot.LogScale{}
			p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
			p.Y.Label.Text = c + " (log scale)"
			for i := range v {
				if v[i] > 0 {
					pts = append(pts, plotter.XY{X: t[i], Y: v[i]})
				}
			}
		default:
			raw = true
			p.Y.Label.Text = c
			for i := range v {
				pts = append(pts, plotter.XY{X: t[i], Y: v[i]})
			}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		p.Add(l)
		// Every panel spans the whole run, so that all share one time axis and its ticks.
		p.X.Min, p.X.Max = t[0], t[len(t)-1]
		if ex := w.hist.Column(c + "_exact"); ex != nil && raw {
			xs := make(plotter.XYs, 0, len(ex))
			for i := range ex {
				if !math.IsNaN(ex[i]) {
					xs = append(xs, plotter.XY{X: t[i], Y: ex[i]})
				}
			}
			if len(xs) > 0 {
				le, err := plotter.NewLine(xs)
				if err != nil {
					return err
				}
				le.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
				le.Color = color.RGBA{R: 200, A: 255}
				p.Add(le)
				p.X.Min, p.X.Max = t[0], t[len(t)-1]
				p.Legend.Add("computed", l)
				p.Legend.Add("exact", le)
				placeLegend(p, pts, xs)
			}
		}
		plots = append(plots, p)
	}
	if len(plots) == 0 {
		return nil
	}
	const cols = 2
	var grid [][]*plot.Plot
	for i := 0; i < len(plots); i += cols {
		row := make([]*plot.Plot, cols)
		copy(row, plots[i:min(i+cols, len(plots))])
		grid = append(grid, row)
	}
	return w.savePlots("diagnostics.png", grid, 24*vg.Centimeter, vg.Length(len(grid))*7*vg.Centimeter)
}

// momentsFigure draws, for models that report velocity moments, the density, momentum
// density and energy density against x at up to five snapshot times, one panel each.
func (w *writer) momentsFigure() error {
	n := len(w.moments)
	if n == 0 {
		return nil
	}
	pick := w.moments
	if n > 5 {
		pick = nil
		for i := 0; i < 5; i++ {
			pick = append(pick, w.moments[i*(n-1)/4])
		}
	}
	quantities := []struct {
		name  string
		label string
		get   func(sim.Moments) []float64
	}{
		{"density", "ρ = ∫ f dv", func(m sim.Moments) []float64 { return m.Density }},
		{"momentum density", "∫ vx f dv", func(m sim.Moments) []float64 { return m.Momentum }},
		{"energy density", "½ ∫ |v|² f dv", func(m sim.Moments) []float64 { return m.Energy }},
	}
	// One legend serves the three panels: it goes to the panel with the emptiest corner.
	var rows [][]*plot.Plot
	legendAt, fewest := 0, math.MaxInt
	for k, q := range quantities {
		p := plot.New()
		p.Title.Text = q.name
		p.X.Label.Text = "x"
		p.Y.Label.Text = q.label
		var sets []plotter.XYs
		for i, fr := range pick {
			v := q.get(fr.m)
			pts := make(plotter.XYs, len(v))
			for j := range v {
				pts[j] = plotter.XY{X: fr.m.X[j], Y: v[j]}
			}
			l, err := plotter.NewLine(pts)
			if err != nil {
				return err
			}
			l.Color = plotutil.Color(i)
			p.Add(l)
			p.Legend.Add(fmt.Sprintf("t = %.3g", fr.t), l)
			sets = append(sets, pts)
		}
		if n := placeLegend(p, sets...); n < fewest {
			legendAt, fewest = k, n
		}
		rows = append(rows, []*plot.Plot{p})
	}
	for k, r := range rows {
		if k != legendAt {
			r[0].Legend = plot.NewLegend()
		}
	}
	return w.savePlots("moments.png", rows, 18*vg.Centimeter, 24*vg.Centimeter)
}
