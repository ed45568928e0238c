package population

// Progress is a snapshot of a run, handed to a Recorder after every step of an annealer and
// after every generation of a trainer.
type Progress struct {
	Method string // "cast", "sa-log", "sa-geo", "pbt", "random", "evolve"
	Step   int    // step (annealing) or generation (training), counted from 1
	Evals  int64  // energy evaluations (annealing) or gradient steps (training) so far
	Budget int64  // the total Evals the run will use
	Best   float64
	// Mean is the mean energy (annealing) or mean validation loss (training) of the agents.
	Mean float64
	// Temperature is the mean temperature of the agents (annealing only).
	Temperature float64
	// MinTemperature is the lowest agent temperature (annealing only).
	MinTemperature float64
	// Hypers holds the hyperparameters of every agent after selection and mutation
	// (training only), Hypers[i][k] for agent i and hyperparameter k. The slice is the
	// recorder's to keep.
	Hypers [][]float64
}

// Recorder receives progress. Run functions call Record from the goroutine that called them,
// never concurrently. Libraries never print: a command-line front end turns these calls into a
// progress bar and CSV rows.
type Recorder interface {
	Record(p Progress)
}

// RecorderFunc adapts a function to the Recorder interface.
type RecorderFunc func(p Progress)

// Record calls f(p).
func (f RecorderFunc) Record(p Progress) { f(p) }

func record(r Recorder, p Progress) {
	if r != nil {
		r.Record(p)
	}
}
