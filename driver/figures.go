package driver

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
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
	p.X.Label.Text = "t ω_p"
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
	}
	p.Legend.Top = true
	p.Legend.Left = true
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
// f_v.png.
func (w *writer) heatFigure() error {
	n := len(w.heat)
	if n == 0 {
		return nil
	}
	var pick []heatFrame
	if n <= 4 {
		pick = w.heat
	} else {
		for i := 0; i < 4; i++ {
			pick = append(pick, w.heat[i*(n-1)/3])
		}
	}
	name := "f_xv.png"
	if pick[0].xName != "x" {
		name = "f_v.png"
	}
	var row []*plot.Plot
	for _, hf := range pick {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("f(%s, %s), t = %.3g", hf.xName, hf.vName, hf.t)
		if hf.xName == "x" && smallPerturbation(hf) {
			hf = perturbation(hf)
			p.Title.Text = fmt.Sprintf("f − (x average of f), t = %.3g", hf.t)
		}
		p.X.Label.Text = hf.xName
		p.Y.Label.Text = hf.vName
		hm := plotter.NewHeatMap(heatGrid{hf}, moreland.SmoothBlueRed().Palette(64))
		hm.Rasterized = true
		p.Add(hm)
		row = append(row, p)
	}
	plots := [][]*plot.Plot{row[:min(2, len(row))]}
	if len(row) > 2 {
		second := row[2:]
		for len(second) < 2 {
			second = append(second, nil)
		}
		plots = append(plots, second)
	} else if len(row) == 1 {
		return w.savePlots(name, plots, 14*vg.Centimeter, 12*vg.Centimeter)
	}
	return w.savePlots(name, plots, 24*vg.Centimeter, vg.Length(len(plots))*11*vg.Centimeter)
}

// seriesFigure plots every diagnostic but t and field_energy against time, one panel each:
//   - a quantity that stays within 1e-6 of its first value (a conserved one) as its change since
//     t = 0, relative to the first value (absolute where that is zero), so that drifts at
//     round-off level are visible;
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
		if c == "t" || c == "field_energy" || (isExact && has[base]) {
			continue
		}
		v := w.hist.Column(c)
		p := plot.New()
		p.Title.Text = c
		p.X.Label.Text = "t"
		lo, hi := v[0], v[0]
		for _, x := range v {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		scale := math.Max(math.Abs(lo), math.Abs(hi))
		pts := make(plotter.XYs, 0, len(v))
		raw := false // pts holds the values themselves
		switch {
		case hi-lo <= 1e-6*scale:
			ref := math.Abs(v[0])
			p.Y.Label.Text = c + " − initial"
			if ref != 0 {
				p.Y.Label.Text = "(" + c + " − initial)/|initial|"
			} else {
				ref = 1
			}
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
				p.Legend.Add("computed", l)
				p.Legend.Add("exact", le)
				p.Legend.Top = true
				p.Legend.Left = true
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
		{"momentum density", "∫ v_x f dv", func(m sim.Moments) []float64 { return m.Momentum }},
		{"energy density", "½ ∫ |v|² f dv", func(m sim.Moments) []float64 { return m.Energy }},
	}
	var rows [][]*plot.Plot
	for _, q := range quantities {
		p := plot.New()
		p.Title.Text = q.name
		p.X.Label.Text = "x"
		p.Y.Label.Text = q.label
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
		}
		p.Legend.Top = true
		rows = append(rows, []*plot.Plot{p})
	}
	return w.savePlots("moments.png", rows, 18*vg.Centimeter, 24*vg.Centimeter)
}
