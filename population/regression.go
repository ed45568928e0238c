package population

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Regression is a least-squares regression problem for a two-layer network
//
//	ŷ(x) = w₂ · tanh(W₁ x + b₁) + b₂,  W₁ ∈ R^{H×d}, b₁, w₂ ∈ R^H, b₂ ∈ R,
//
// with loss L(θ) = (1/2n) Σ (ŷ(xⱼ) − yⱼ)² over n samples. θ packs W₁ (row-major), b₁, w₂
// and b₂, in that order. Inputs are uniform on [−2, 2]^d and targets are a smooth function
// plus Gaussian noise of standard deviation Noise; training and validation sets are drawn
// independently. Linear algebra uses gonum/mat. It implements Objective.
type Regression struct {
	In, Hidden   int
	Target       string
	Noise        float64
	xTrain, xVal *mat.Dense
	yTrain, yVal []float64
}

var regressionTargets = map[string]func(x []float64) float64{
	// sine: a sum of sines with incommensurate frequencies, normalised by √d.
	"sine": func(x []float64) float64 {
		var s float64
		for k, v := range x {
			s += math.Sin((1 + 0.5*float64(k)) * v)
		}
		return s / math.Sqrt(float64(len(x)))
	},
	// gauss: a Gaussian bump exp(−|x|²/2).
	"gauss": func(x []float64) float64 {
		var s float64
		for _, v := range x {
			s += v * v
		}
		return math.Exp(-s / 2)
	},
}

// RegressionTargets lists the target functions NewRegression accepts.
func RegressionTargets() []string {
	names := make([]string, 0, len(regressionTargets))
	for n := range regressionTargets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// maxInputs bounds the input dimension d of a Regression: 2¹⁶ = 65536.
const maxInputs = 1 << 16

// NewRegression draws a data set of nTrain training and nVal validation samples in d input
// dimensions for target ("sine" or "gauss") with noise level noise ≥ 0, using seed, and a
// network of hidden units. Sizes are bounded: 1 ≤ d ≤ 65536, H·(d + 2) + 1 ≤ MaxDim
// parameters and (nTrain + nVal)·d ≤ MaxState samples' coordinates.
func NewRegression(target string, d, hidden, nTrain, nVal int, noise float64, seed uint64) (
	*Regression, error) {
	f, ok := regressionTargets[strings.ToLower(target)]
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: function = %q unknown: must be one of %s", ErrConfig,
			target, strings.Join(RegressionTargets(), ", "))
	case d < 1 || d > maxInputs:
		return nil, rangeErr("dimension", d, fmt.Sprintf("must be at least 1 and at most %d",
			maxInputs))
	case hidden < 1 || hidden > MaxDim:
		return nil, rangeErr("Hidden", hidden, fmt.Sprintf("must be at least 1 and at most %d",
			MaxDim))
	case hidden*(d+2)+1 > MaxDim:
		return nil, rangeErr("Hidden", hidden, fmt.Sprintf("must be at most %d for dimension "+
			"%d: the network's H·(d + 2) + 1 parameters must number at most %d",
			(MaxDim-1)/(d+2), d, MaxDim))
	case nTrain < 1 || nTrain > MaxState:
		return nil, rangeErr("nTrain", nTrain, fmt.Sprintf("must be at least 1 and at most %d",
			MaxState))
	case nVal < 1 || nVal > MaxState:
		return nil, rangeErr("nVal", nVal, fmt.Sprintf("must be at least 1 and at most %d",
			MaxState))
	case (nTrain+nVal)*d > MaxState:
		return nil, rangeErr("(nTrain + nVal)·dimension", (nTrain+nVal)*d,
			fmt.Sprintf("must be at most %d", MaxState))
	case !(noise >= 0) || math.IsInf(noise, 0):
		return nil, rangeErr("Noise", noise, "must be finite and ≥ 0")
	}
	r := Stream(seed, 1<<62)
	draw := func(n int) (*mat.Dense, []float64) {
		x := mat.NewDense(n, d, nil)
		y := make([]float64, n)
		for j := range n {
			row := x.RawRowView(j)
			for k := range row {
				row[k] = -2 + 4*r.Float64()
			}
			y[j] = f(row) + noise*r.NormFloat64()
		}
		return x, y
	}
	g := &Regression{In: d, Hidden: hidden, Target: strings.ToLower(target), Noise: noise}
	g.xTrain, g.yTrain = draw(nTrain)
	g.xVal, g.yVal = draw(nVal)
	return g, nil
}

// Dim implements Objective: H·d + 2H + 1.
func (g *Regression) Dim() int { return g.Hidden*g.In + 2*g.Hidden + 1 }

// Init implements Objective: W₁ ~ N(0, 1/d), w₂ ~ N(0, 1/H), biases zero.
func (g *Regression) Init(r *rand.Rand, theta []float64) {
	h, d := g.Hidden, g.In
	for k := range theta {
		theta[k] = 0
	}
	for k := range h * d {
		theta[k] = r.NormFloat64() / math.Sqrt(float64(d))
	}
	for k := range h {
		theta[h*d+h+k] = r.NormFloat64() / math.Sqrt(float64(h))
	}
}

// unpack returns views of θ: W₁ (H×d), b₁, w₂ and b₂.
func (g *Regression) unpack(theta []float64) (*mat.Dense, []float64, *mat.VecDense, float64) {
	h, d := g.Hidden, g.In
	w1 := mat.NewDense(h, d, theta[:h*d])
	b1 := theta[h*d : h*d+h]
	w2 := mat.NewVecDense(h, theta[h*d+h:h*d+2*h])
	return w1, b1, w2, theta[h*d+2*h]
}

// forward returns the hidden activations A = tanh(X W₁ᵀ + 1b₁ᵀ) and residuals ŷ − y.
func (g *Regression) forward(theta []float64, x *mat.Dense, y []float64) (*mat.Dense,
	*mat.VecDense) {
	w1, b1, w2, b2 := g.unpack(theta)
	n, _ := x.Dims()
	a := mat.NewDense(n, g.Hidden, nil)
	a.Mul(x, w1.T())
	for j := range n {
		row := a.RawRowView(j)
		for k := range row {
			row[k] = math.Tanh(row[k] + b1[k])
		}
	}
	res := mat.NewVecDense(n, nil)
	res.MulVec(a, w2)
	for j := range n {
		res.SetVec(j, res.AtVec(j)+b2-y[j])
	}
	return a, res
}

func halfMeanSquare(v *mat.VecDense) float64 {
	return 0.5 * mat.Dot(v, v) / float64(v.Len())
}

// Gradient implements Objective by back-propagation on a mini-batch drawn with replacement.
func (g *Regression) Gradient(r *rand.Rand, theta, grad []float64, batch int) float64 {
	x, y := g.xTrain, g.yTrain
	n := len(y)
	if batch > 0 && batch < n {
		xb := mat.NewDense(batch, g.In, nil)
		yb := make([]float64, batch)
		for j := range batch {
			s := r.IntN(n)
			copy(xb.RawRowView(j), g.xTrain.RawRowView(s))
			yb[j] = g.yTrain[s]
		}
		x, y, n = xb, yb, batch
	}
	a, res := g.forward(theta, x, y)
	h, d := g.Hidden, g.In
	_, _, w2, _ := g.unpack(theta)
	res.ScaleVec(1/float64(n), res) // ∂L/∂ŷ
	gw1 := mat.NewDense(h, d, grad[:h*d])
	gb1 := grad[h*d : h*d+h]
	gw2 := mat.NewVecDense(h, grad[h*d+h:h*d+2*h])
	gw2.MulVec(a.T(), res)
	var gb2 float64
	for j := range n {
		gb2 += res.AtVec(j)
	}
	grad[h*d+2*h] = gb2
	// δ = (r w₂ᵀ) ⊙ (1 − A²), the gradient with respect to the pre-activations.
	delta := mat.NewDense(n, h, nil)
	delta.Outer(1, res, w2)
	for j := range n {
		dr, ar := delta.RawRowView(j), a.RawRowView(j)
		for k := range dr {
			dr[k] *= 1 - ar[k]*ar[k]
		}
	}
	gw1.Mul(delta.T(), x)
	for k := range gb1 {
		gb1[k] = 0
	}
	for j := range n {
		for k, v := range delta.RawRowView(j) {
			gb1[k] += v
		}
	}
	// Loss on the batch, from the unscaled residuals.
	res.ScaleVec(float64(n), res)
	return halfMeanSquare(res)
}

// Loss returns the training loss on the full training set.
func (g *Regression) Loss(theta []float64) float64 {
	_, res := g.forward(theta, g.xTrain, g.yTrain)
	return halfMeanSquare(res)
}

// Validation implements Objective: the loss on the validation set.
func (g *Regression) Validation(theta []float64) float64 {
	_, res := g.forward(theta, g.xVal, g.yVal)
	return halfMeanSquare(res)
}

// DemoSpace is the hyperparameter space of the regression demo: learning rate in
// [10⁻³, 1], inverse temperature in [10², 10⁷], weight decay in [10⁻⁶, 10⁻¹] (all log) and
// batch size in [4, 64] (integer, log).
func DemoSpace() Space {
	return Space{
		{Name: HyperLR, Low: 1e-3, High: 1, Log: true},
		{Name: HyperBeta, Low: 1e2, High: 1e7, Log: true},
		{Name: HyperDecay, Low: 1e-6, High: 1e-1, Log: true},
		{Name: HyperBatch, Low: 4, High: 64, Log: true, Integer: true},
	}
}
