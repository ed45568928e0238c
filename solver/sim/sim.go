// Package sim defines what the kinsolve driver needs from a model: a state advanced step by step
// that reports named diagnostics and the arrays worth saving. Every solver of the project
// (collisionless Vlasov–Poisson, homogeneous Landau relaxation, Vlasov–Poisson–Landau,
// Vlasov–Poisson–Fokker–Planck, Euler–Poisson) satisfies Simulation, so that one driver writes
// the same run folder, diagnostics table, snapshots and figures for all of them.
package sim

import "fmt"

// Simulation is a model advancing its state in time.
type Simulation interface {
	// Time returns the current simulation time.
	Time() float64
	// Step advances the state by one time step and returns the step taken. It returns an
	// error (and leaves the time unchanged) if the step cannot be taken, for example when the
	// state becomes non-finite; see Status.
	Step() (dt float64, err error)
	// Columns names the diagnostic quantities, in the order Diagnose reports them. The first
	// column is "t".
	Columns() []string
	// Diagnose returns the diagnostics of the current state, in Columns order.
	Diagnose() []float64
	// Fields returns the arrays of the current state worth saving as snapshots. The data
	// slices may share the model's storage: a caller copies what it keeps.
	Fields() []Field
}

// Field is one named array of a model's state.
type Field struct {
	Name  string    // file stem of its snapshots, such as "f" or "E"
	Axes  []string  // axis names in storage order, slowest first, such as {"x", "vx", "vy"}
	Shape []int     // sizes along Axes; the product is len(Data)
	Data  []float64 // row-major values
	// Coords holds the node coordinates of each axis, parallel to Axes.
	Coords [][]float64
}

// Measurer is implemented by models that derive headline figures from their diagnostic
// history: fitted damping or growth rates, errors against exact solutions. The figures go into
// the run's summary; Measure must not modify h.
type Measurer interface {
	Measure(h *History) (map[string]any, error)
}

// StepSizer is implemented by models whose time step is fixed when they are set up (a CFL
// rule, a stability bound or the deck's time.dt), so that a caller can estimate the number of
// steps of a run, ⌈t_end/StepSize⌉, before it starts. Models with an adaptive step (the
// Euler–Poisson finite volumes, the homogeneous Landau relaxation) do not implement it.
type StepSizer interface {
	// StepSize returns the time step, in 1/ω_p.
	StepSize() float64
}

// Moments are the velocity moments of a state on its spatial grid: density ρ = ∫f dv, momentum
// density ∫ v_x f dv and energy density ½∫|v|² f dv, one value per cell centred at X.
type Moments struct {
	X        []float64
	Density  []float64
	Momentum []float64
	Energy   []float64
}

// MomentReporter is implemented by spatially inhomogeneous models, so that kinetic and fluid
// models started from the same data can be compared at the same times.
type MomentReporter interface {
	Moments() Moments
}

// History is the table of diagnostics recorded during a run.
type History struct {
	Columns []string
	Rows    [][]float64
}

// Column returns the values of the named column, or nil if there is none.
func (h *History) Column(name string) []float64 {
	for j, c := range h.Columns {
		if c == name {
			v := make([]float64, len(h.Rows))
			for i, r := range h.Rows {
				v[i] = r[j]
			}
			return v
		}
	}
	return nil
}

// Status says why a run stopped.
type Status int

const (
	Done         Status = iota // reached the final time
	NonFinite                  // the state or a diagnostic became NaN or infinite
	StepTooSmall               // the stability limit fell below the smallest step allowed
	Interrupted                // stopped by a signal or by the caller
	Failed                     // any other error
)

func (s Status) String() string {
	switch s {
	case Done:
		return "done"
	case NonFinite:
		return "non-finite state"
	case StepTooSmall:
		return "time step too small"
	case Interrupted:
		return "interrupted"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// StepError is returned by Step when a step cannot be taken.
type StepError struct {
	Status Status
	Time   float64
	Reason string
}

func (e *StepError) Error() string {
	return fmt.Sprintf("step at t = %.6g: %s: %s", e.Time, e.Status, e.Reason)
}

// Drift returns the largest change of the named column from its first value over the run,
// max_i |q_i − q_0|, divided by |q_0| unless absolute is set or q_0 is zero. It returns
// false if there is no such column.
func (h *History) Drift(name string, absolute bool) (float64, bool) {
	v := h.Column(name)
	if len(v) == 0 {
		return 0, false
	}
	var d float64
	for _, x := range v {
		d = max(d, abs(x-v[0]))
	}
	if !absolute && v[0] != 0 {
		d /= abs(v[0])
	}
	return d, true
}

// StepDrift returns the largest change of the named column between consecutive rows, relative
// to the earlier value unless absolute is set or that value is zero.
func (h *History) StepDrift(name string, absolute bool) (float64, bool) {
	v := h.Column(name)
	if len(v) == 0 {
		return 0, false
	}
	var d float64
	for i := 1; i < len(v); i++ {
		c := abs(v[i] - v[i-1])
		if !absolute && v[i-1] != 0 {
			c /= abs(v[i-1])
		}
		d = max(d, c)
	}
	return d, true
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
