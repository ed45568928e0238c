package driver

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/landau"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// LandauDeck is the deck of the spatially homogeneous Landau relaxation ∂t f = Q_L[f]
// (model = "landau"); see package landau for the operator and the presets.
type LandauDeck struct {
	Header
	Landau LandauSection `toml:"landau"`
	Time   TimeSection   `toml:"time"`
	Output OutputSection `toml:"output"`
}

// LandauSection is the [landau] table.
type LandauSection struct {
	Preset string  `toml:"preset"` // bkw, anisotropic or coulomb-bumps
	N      int     `toml:"n"`      // velocity nodes per dimension
	Vmax   float64 `toml:"vmax"`   // velocity box [−vmax, vmax]²
	Gamma  float64 `toml:"gamma"`  // kernel exponent γ in [−3, 1]
	Lambda float64 `toml:"lambda"` // collision strength Λ ≥ 0
	Form   string  `toml:"form"`   // plain or entropic
	T0     float64 `toml:"t0"`     // start time of bkw
	Tx     float64 `toml:"tx"`     // anisotropic: initial temperature along v_x
	Ty     float64 `toml:"ty"`     // anisotropic: initial temperature along v_y
	Shift  float64 `toml:"shift"`  // coulomb-bumps: centres at (±shift, 0)
	Temp   float64 `toml:"temp"`   // coulomb-bumps: temperature of each bump
}

func init() { Register("landau", buildLandau) }

func buildLandau(d *deck.Deck, env Env) (sim.Simulation, any, error) {
	preset, err := d.String("landau.preset", landau.PresetBKW)
	if err != nil {
		return nil, nil, err
	}
	c, err := landau.DefaultConfig(preset)
	if err != nil {
		return nil, nil, fmt.Errorf("landau.preset = %q out of range: allowed %s", preset,
			strings.Join(landau.Presets, ", "))
	}
	v := LandauDeck{
		Landau: LandauSection{Preset: preset, N: c.N, Vmax: c.VMax, Gamma: c.Gamma,
			Lambda: c.Lambda, Form: c.Form.String(), T0: c.T0, Tx: c.Tx, Ty: c.Ty,
			Shift: c.Shift, Temp: c.Temp},
		Time:   TimeSection{TEnd: 1, CFL: c.CFL},
		Output: DefaultOutput(),
	}
	if err := d.Decode(&v); err != nil {
		return nil, nil, err
	}
	if err := env.RequireCPU("landau"); err != nil {
		return nil, nil, err
	}
	if err := v.Time.Validate(); err != nil {
		return nil, nil, err
	}
	if err := v.Output.Validate(); err != nil {
		return nil, nil, err
	}
	if v.Time.Dt != 0 {
		return nil, nil, fmt.Errorf("time.dt = %v out of range: the Landau relaxation takes its "+
			"step from the stability bound; allowed 0 (set time.cfl instead)", v.Time.Dt)
	}
	form, err := landau.ParseForm(v.Landau.Form)
	if err != nil {
		return nil, nil, fmt.Errorf("landau.form = %q out of range: allowed plain, entropic", v.Landau.Form)
	}
	s := v.Landau
	c = landau.Config{Preset: s.Preset, N: s.N, VMax: s.Vmax, Gamma: s.Gamma, Lambda: s.Lambda,
		Form: form, CFL: v.Time.CFL, T0: s.T0, Tx: s.Tx, Ty: s.Ty, Shift: s.Shift, Temp: s.Temp}
	h, err := landau.NewHomogeneous(c)
	if err != nil {
		return nil, nil, deckKey(err)
	}
	return &homogeneousRun{Homogeneous: h, tEnd: v.Time.TEnd}, &v, nil
}

// homogeneousRun ends the relaxation exactly at t_end.
type homogeneousRun struct {
	*landau.Homogeneous
	tEnd float64
}

// TimeLabel labels time axes: the relaxation's time unit is set by the collision strength Λ,
// not by the plasma frequency.
func (r *homogeneousRun) TimeLabel() string { return "t (time unit of Λ)" }

func (r *homogeneousRun) Step() (float64, error) {
	dt, err := r.StepTo(r.tEnd)
	if err != nil {
		status := sim.Failed
		if errors.Is(err, landau.ErrNonFinite) {
			status = sim.NonFinite
		}
		return 0, &sim.StepError{Status: status, Time: r.Time(), Reason: err.Error()}
	}
	return dt, nil
}

// landauField matches the errors of package landau that name one of its settings.
var landauField = regexp.MustCompile(`^landau: (\w+) = `)

// deckKey rewrites an error "landau: name = …" of package landau as "landau.name = …" (or
// "time.cfl = …"), so that it names the deck key, here and in the allowed range.
func deckKey(err error) error {
	msg := err.Error()
	m := landauField.FindStringSubmatch(msg)
	if m == nil {
		return err
	}
	key := "landau." + m[1]
	if m[1] == "cfl" {
		key = "time.cfl"
	}
	rest := strings.ReplaceAll(msg[len("landau: ")+len(m[1]):], "allowed "+m[1]+" ",
		"allowed "+key+" ")
	return errors.New(key + rest)
}

// Measure reports the conservation of the run (largest relative change of mass and energy
// and absolute change of momentum, over the run and per step), whether the entropy ever rose,
// and the preset's checks: the final L1, L2, L∞ errors and E|v|⁴ against the exact BKW
// solution, or the final anisotropy against exp(−8Λρt).
func (r *homogeneousRun) Measure(h *sim.History) (map[string]any, error) {
	out := map[string]any{}
	for _, c := range []struct {
		col      string
		absolute bool
	}{{"mass", false}, {"px", true}, {"py", true}, {"energy", false}} {
		if d, ok := h.Drift(c.col, c.absolute); ok {
			out[c.col+"_drift"] = d
		}
		if d, ok := h.StepDrift(c.col, c.absolute); ok {
			out[c.col+"_step_drift"] = d
		}
	}
	ent := h.Column("entropy")
	rises, worst := 0, 0.0
	for i := 1; i < len(ent); i++ {
		if d := ent[i] - ent[i-1]; d > 0 {
			rises++
			worst = max(worst, d)
		}
	}
	out["entropy_rises"] = rises
	out["entropy_largest_rise"] = worst
	last := func(col string) (float64, bool) {
		v := h.Column(col)
		if len(v) == 0 {
			return 0, false
		}
		return v[len(v)-1], true
	}
	for _, col := range []string{"err_l1", "err_l2", "err_linf", "m4", "m4_exact", "aniso", "aniso_exact", "min_f"} {
		if v, ok := last(col); ok {
			out[col] = v
		}
	}
	if m4, ok := last("m4"); ok {
		ex, _ := last("m4_exact")
		out["m4_rel_error"] = (m4 - ex) / ex
	}
	if a, ok := last("aniso"); ok {
		if ex, _ := last("aniso_exact"); ex != 0 {
			out["aniso_rel_error"] = (a - ex) / ex
		}
	}
	return out, nil
}
