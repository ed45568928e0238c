package landau

import ("testing";"math")

func TestQuick(t *testing.T) {
	for _, g := range []float64{0, -3} {
		for _, form := range []Form{Plain, Entropic} {
		op, err := New(16, 6, Params{g, 1}, form)
		if err != nil { t.Fatal(err) }
		n := 16
		f := make([]float64, n*n)
		for i := 0; i < n; i++ { for j := 0; j < n; j++ {
			x, y := op.Node(i), op.Node(j)
			f[i*n+j] = math.Exp(-((x-1)*(x-1)+y*y)/2) + 0.5*math.Exp(-((x+1)*(x+1)+(y-0.5)*(y-0.5))/0.8)
		}}
		q1 := make([]float64, n*n); q2 := make([]float64, n*n)
		op.Apply(q1, f); op.Direct(q2, f)
		var d, nn float64
		for i := range q1 { d = max(d, math.Abs(q1[i]-q2[i])); nn = max(nn, math.Abs(q2[i])) }
		t.Log(g, form, d/nn, nn)
		}
	}
}
