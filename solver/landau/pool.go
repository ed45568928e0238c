package landau

// The phases of an evaluation that are split over workers. Each splits the
// index range [0, count) of its run call into contiguous blocks.
const (
	phaseCorners     = iota // corner rows
	phaseRowsForward        // (input, corner row) pairs
	phaseColumns            // half-spectrum columns
	phaseRowsInverse        // (output, corner row) pairs
	phaseFlux               // corner rows
	phaseDirect             // corner rows
	phaseDivergence         // node rows
)

// pool runs the phases on nw goroutines: the caller and nw−1 long-lived
// workers fed through a channel, so that an evaluation allocates nothing.
// The workers reference the state, never the Operator, so the Operator can
// become unreachable; a cleanup on it then closes the channel and the
// workers exit.
type pool struct {
	s    *state
	nw   int
	jobs chan job
	done chan struct{}
}

type job struct {
	phase, wid, lo, hi int
}

func newPool(s *state, nw int) *pool {
	p := &pool{s: s, nw: nw}
	if nw > 1 {
		p.jobs = make(chan job, nw)
		p.done = make(chan struct{}, nw)
		for range nw - 1 {
			go p.worker()
		}
	}
	return p
}

func (p *pool) worker() {
	for j := range p.jobs {
		p.s.do(j)
		p.done <- struct{}{}
	}
}

func (p *pool) stop() { close(p.jobs) }

// run executes phase over [0, count) split into p.nw blocks and returns when
// all are done.
func (p *pool) run(phase, count int) {
	nw := min(p.nw, count)
	if nw <= 1 {
		p.s.do(job{phase, 0, 0, count})
		return
	}
	for w := 1; w < nw; w++ {
		p.jobs <- job{phase, w, w * count / nw, (w + 1) * count / nw}
	}
	p.s.do(job{phase, 0, 0, count / nw})
	for w := 1; w < nw; w++ {
		<-p.done
	}
}

func (s *state) do(j job) {
	switch j.phase {
	case phaseCorners:
		s.cornersRows(j.lo, j.hi)
	case phaseRowsForward:
		s.fft.rowsForward(j.wid, j.lo, j.hi)
	case phaseColumns:
		s.fft.columns(j.wid, j.lo, j.hi)
	case phaseRowsInverse:
		s.fft.rowsInverse(j.wid, j.lo, j.hi)
	case phaseFlux:
		s.fluxRows(j.lo, j.hi)
	case phaseDirect:
		s.directRows(j.lo, j.hi)
	case phaseDivergence:
		s.divergenceRows(j.lo, j.hi)
	}
}
