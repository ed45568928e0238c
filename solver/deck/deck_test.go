package deck

import (
	"strings"
	"testing"
)

type gridSec struct {
	Nx   int     `toml:"nx"`
	Vmax float64 `toml:"vmax"`
}

type testDeck struct {
	Model string  `toml:"model"`
	Grid  gridSec `toml:"grid"`
}

const text = `
model = "vlasov"
[grid]
nx = 64
vmax = 6.0
`

func TestDecodeWithOverrides(t *testing.T) {
	d, err := Parse("t", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"grid.nx=128", "grid.vmax = 8", "model=vpl"} {
		if err := d.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	v := testDeck{Grid: gridSec{Nx: 1}}
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v.Grid.Nx != 128 || v.Grid.Vmax != 8 || v.Model != "vpl" {
		t.Errorf("decoded %+v", v)
	}
}

func TestDecodeErrorsNameTheKey(t *testing.T) {
	cases := []struct {
		set  string
		want string
	}{
		{"grid.nxx=3", "unknown deck key grid.nxx: allowed grid.nx, grid.vmax"},
		{"grid.nx=abc", `deck key grid.nx = "abc": want an integer`},
		{"grid.nx=2.5", "deck key grid.nx = 2.5: want an integer"},
		{"grid.vmax=fast", `deck key grid.vmax = "fast": want a number`},
		{"colour=1", "unknown deck key colour: allowed grid, model"},
		// A value where a table is wanted, and a table or array where a value is: the
		// message names the key and the kind wanted, never a Go type.
		{"grid=3", "deck key grid = 3: want a table"},
		{"grid=[1, 2]", "deck key grid = [1, 2]: want a table"},
		{`grid="big"`, `deck key grid = "big": want a table`},
		{"grid.nx={a = 1}", "deck key grid.nx = {a = 1}: want an integer"},
		{"grid.vmax=[1.5]", "deck key grid.vmax = [1.5]: want a number"},
		{"model={b = true, a = 1}", "deck key model = {a = 1, b = true}: want a string"},
	}
	for _, c := range cases {
		d, _ := Parse("t", []byte(text))
		if err := d.Set(c.set); err != nil {
			t.Fatal(err)
		}
		var v testDeck
		err := d.Decode(&v)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", c.set, err, c.want)
		}
	}
}

func TestBadOverridesAndSyntax(t *testing.T) {
	d, _ := Parse("t", []byte(text))
	for _, s := range []string{"nokey", "=3", "grid..nx=3", "model.x=1"} {
		if err := d.Set(s); err == nil {
			t.Errorf("Set(%q) accepted", s)
		}
	}
	if _, err := Parse("bad", []byte("[grid\nnx=")); err == nil || !strings.Contains(err.Error(), "deck bad: line ") {
		t.Errorf("syntax error: %v", err)
	}
}
