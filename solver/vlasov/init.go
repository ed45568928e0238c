package vlasov

import (
	"fmt"
	"math"
	"strings"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// Profiles of the initial velocity distribution, the values of Init.Profile.
const (
	Maxwellian  = "maxwellian"   // unit Maxwellian: Landau damping, linear and nonlinear
	TwoStream   = "two-stream"   // two counter-streaming unit-temperature Maxwellians at ±v0
	BumpOnTail  = "bump-on-tail" // a bulk Maxwellian plus a warm beam on its tail
	profileList = Maxwellian + ", " + TwoStream + ", " + BumpOnTail
)

// Init is the initial condition of the collisionless model,
//
//	f0(x, v) = (1 + α cos kx) · g(v_x) · m(v_y),
//
// with m the unit Maxwellian in the passive v_y of 1X2V (absent in 1X1V) and g a sum of
// drifting Maxwellians chosen by Profile:
//
//	maxwellian:    g = M(v),                          M(v) = exp(−v²/2)/√(2π)
//	two-stream:    g = ½ M(v − v0) + ½ M(v + v0)
//	bump-on-tail:  g = n_p M(v) + (n_b/v_b) M((v − u_b)/v_b)
//
// The two-stream form is the symmetric two-beam Maxwellian used throughout the semi-Lagrangian
// literature (for example Filbet & Sonnendrücker, Comput. Phys. Commun. 150 (2003) 247). The
// bump-on-tail defaults are those of Arber & Vann, J. Comput. Phys. 180 (2002) 339: n_p = 0.9,
// n_b = 0.1 (their 0.2 times v_b = 0.5), u_b = 4.5, v_b = 0.5, k = 0.3, α = 0.04. Densities are
// in units of the mean density, so ω_p = 1 when the beam densities add up to one.
type Init struct {
	Profile string  `toml:"profile"`
	K       float64 `toml:"k"`     // wavenumber of the perturbation, 1/λ_D
	Alpha   float64 `toml:"alpha"` // relative amplitude of the density perturbation
	V0      float64 `toml:"v0"`    // two-stream: beam speed ±v0
	// Bump-on-tail parameters.
	BulkDensity float64 `toml:"bulk_density"` // n_p
	BeamDensity float64 `toml:"beam_density"` // n_b
	BeamSpeed   float64 `toml:"beam_speed"`   // u_b
	BeamVt      float64 `toml:"beam_vt"`      // v_b, the beam's thermal speed
}

// DefaultInit returns the linear Landau damping initial condition with every profile's
// parameters set to their standard values, so that switching Profile alone gives the
// standard set-up.
func DefaultInit() Init {
	return Init{
		Profile: Maxwellian, K: 0.5, Alpha: 0.01, V0: 2.4,
		BulkDensity: 0.9, BeamDensity: 0.1, BeamSpeed: 4.5, BeamVt: 0.5,
	}
}

// Bounds of the initial-condition parameters, in thermal speeds of the unit Maxwellian, Debye
// lengths and mean densities. They are far outside any physical set-up and keep the
// velocity-box search of MinVelocityBox (which samples g at a fraction of the narrowest
// thermal speed across the widest reach) and the field energy finite.
const (
	MaxSpeed   = 1e3  // largest |v0|, |beam_speed| and beam_vt
	MinVt      = 1e-3 // smallest beam_vt
	MaxDensity = 1e3  // largest bulk_density and beam_density
	MinK       = 1e-6 // smallest k
	MaxK       = 1e3  // largest k
)

// Validate checks the parameters the chosen profile uses; errors name the deck key under
// [init] and the allowed range.
func (in Init) Validate() error {
	bad := func(key string, v any, allowed string) error {
		return fmt.Errorf("init.%s = %v out of range: %s", key, v, allowed)
	}
	within := func(key string, v, lo, hi float64) error {
		if !(v >= lo && v <= hi) {
			return bad(key, v, fmt.Sprintf("must be in [%g, %g]", lo, hi))
		}
		return nil
	}
	if err := within("k", in.K, MinK, MaxK); err != nil {
		return err
	}
	if !(in.Alpha >= 0 && in.Alpha < 1) {
		return bad("alpha", in.Alpha, "must be in [0, 1) so that f0 ≥ 0")
	}
	switch in.Profile {
	case Maxwellian:
	case TwoStream:
		if err := within("v0", in.V0, 0, MaxSpeed); err != nil {
			return err
		}
	case BumpOnTail:
		for _, p := range []struct {
			key string
			v   float64
		}{{"bulk_density", in.BulkDensity}, {"beam_density", in.BeamDensity}} {
			if !(p.v > 0 && p.v <= MaxDensity) {
				return bad(p.key, p.v, fmt.Sprintf("must be in (0, %g]", MaxDensity))
			}
		}
		if err := within("beam_vt", in.BeamVt, MinVt, MaxSpeed); err != nil {
			return err
		}
		if err := within("beam_speed", in.BeamSpeed, -MaxSpeed, MaxSpeed); err != nil {
			return err
		}
	default:
		return fmt.Errorf("init.profile = %q not known: allowed %s", in.Profile, profileList)
	}
	return nil
}

// Beams returns g as a sum of drifting Maxwellians, the form the dispersion relation takes.
func (in Init) Beams() []Beam {
	switch in.Profile {
	case TwoStream:
		return []Beam{{N: 0.5, U: in.V0, Vt: 1}, {N: 0.5, U: -in.V0, Vt: 1}}
	case BumpOnTail:
		return []Beam{{N: in.BulkDensity, Vt: 1}, {N: in.BeamDensity, U: in.BeamSpeed, Vt: in.BeamVt}}
	}
	return []Beam{{N: 1, Vt: 1}}
}

// Describe returns a one-line description of the initial condition.
func (in Init) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, k = %g, α = %g", in.Profile, in.K, in.Alpha)
	switch in.Profile {
	case TwoStream:
		fmt.Fprintf(&b, ", v0 = %g", in.V0)
	case BumpOnTail:
		fmt.Fprintf(&b, ", n_p = %g, n_b = %g, u_b = %g, v_b = %g",
			in.BulkDensity, in.BeamDensity, in.BeamSpeed, in.BeamVt)
	}
	return b.String()
}

// velocityProfile evaluates g(v) = Σ_s n_s/(√(2π) vt_s) exp(−(v − u_s)²/(2 vt_s²)).
func velocityProfile(beams []Beam, v float64) float64 {
	var s float64
	for _, b := range beams {
		z := (v - b.U) / b.Vt
		s += b.N / (math.Sqrt(2*math.Pi) * b.Vt) * math.Exp(-z*z/2)
	}
	return s
}

// EdgeTolerance is the largest value the initial distribution may take on the edge of the
// velocity box, relative to its maximum: grid.EdgeTolerance, shared by every model. Velocity
// lines are periodic in the advection, so whatever sits at the edge wraps around to the other
// side.
const EdgeTolerance = grid.EdgeTolerance

// MinVelocityBox returns the least box half-width V such that g(±V') ≤ EdgeTolerance·max g for
// every V' ≥ V, rounded up to 0.1, with g the v_x profile of the initial condition (in 1X2V the
// unit Maxwellian in v_y imposes the same bound as a unit Maxwellian in v_x).
func MinVelocityBox(beams []Beam, vdim int) float64 {
	reach := 0.0
	for _, b := range beams {
		reach = math.Max(reach, math.Abs(b.U)+12*b.Vt)
	}
	// The maximum of g lies within the beams' ±3vt; sample finely enough for narrow beams.
	h := math.Inf(1)
	for _, b := range beams {
		h = math.Min(h, b.Vt/50)
	}
	var gmax float64
	for v := -reach; v <= reach; v += h {
		gmax = math.Max(gmax, velocityProfile(beams, v))
	}
	least := 0.0
	for v := reach; v >= 0; v -= 0.01 {
		edge := math.Max(velocityProfile(beams, v), velocityProfile(beams, -v))
		if edge > EdgeTolerance*gmax {
			least = v + 0.01
			break
		}
	}
	if vdim == 2 {
		least = math.Max(least, math.Sqrt(-2*math.Log(EdgeTolerance)))
	}
	return math.Ceil(least*10-1e-9) / 10
}
