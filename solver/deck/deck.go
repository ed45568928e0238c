// Package deck reads kinsolve input decks: TOML documents whose tables ([grid], [init], [time],
// [output], and a table per physics model) hold every parameter of a run.
//
// A deck is first read into a generic tree, so that command-line overrides such as
// "init.k=0.4" can be applied to any key, and then decoded strictly into a model's typed
// settings: a key the model does not know and a value of the wrong type are errors that name the
// key. Decoding fills only the keys present, so a model sets its defaults before it decodes.
package deck

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Deck is a parsed input deck with its overrides applied.
type Deck struct {
	name string
	tree map[string]any
}

// Parse reads a deck from TOML text; name labels it in errors.
func Parse(name string, data []byte) (*Deck, error) {
	tree := map[string]any{}
	if _, err := toml.Decode(string(data), &tree); err != nil {
		return nil, fmt.Errorf("deck %s: %s", name, oneLine(err))
	}
	return &Deck{name: name, tree: tree}, nil
}

// Name returns the label the deck was parsed with.
func (d *Deck) Name() string { return d.name }

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// Set applies an override "key.path=value". The value is read as a TOML value (number,
// boolean, string in quotes, array); anything that is not valid TOML is taken as a bare string,
// so that `model=vpl` works without quotes. The type is checked when the deck is decoded.
func (d *Deck) Set(assign string) error {
	key, raw, ok := strings.Cut(assign, "=")
	key, raw = strings.TrimSpace(key), strings.TrimSpace(raw)
	if !ok || key == "" {
		return fmt.Errorf("override %q: want key.path=value", assign)
	}
	if !keyPattern.MatchString(key) {
		return fmt.Errorf("override %q: key %q is not a dotted path of names", assign, key)
	}
	var val any = raw
	probe := map[string]any{}
	if _, err := toml.Decode("v = "+raw, &probe); err == nil {
		val = probe["v"]
	}
	parts := strings.Split(key, ".")
	t := d.tree
	for i, p := range parts[:len(parts)-1] {
		next, exists := t[p]
		if !exists {
			m := map[string]any{}
			t[p] = m
			t = m
			continue
		}
		m, isTable := next.(map[string]any)
		if !isTable {
			return fmt.Errorf("override %q: %s is a value, not a table", assign, strings.Join(parts[:i+1], "."))
		}
		t = m
	}
	t[parts[len(parts)-1]] = val
	return nil
}

// Lookup returns the value at a dotted key path, if present.
func (d *Deck) Lookup(key string) (any, bool) {
	var cur any = d.tree
	for _, p := range strings.Split(key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// String returns the string at key, or def if the key is absent. A value of another type is an
// error naming the key.
func (d *Deck) String(key, def string) (string, error) {
	v, ok := d.Lookup(key)
	if !ok {
		return def, nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("deck key %s = %v: want a string", key, v)
	}
	return s, nil
}

// Decode fills v, a pointer to a struct with toml tags, from the deck. Every key of the deck
// must be decoded into some field of v: the first unknown key is reported with the keys its
// table allows. A value of the wrong type is reported with the key and the type wanted.
func (d *Deck) Decode(v any) error {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(d.tree); err != nil {
		return fmt.Errorf("deck %s: %v", d.name, err)
	}
	md, err := toml.Decode(buf.String(), v)
	if err != nil {
		return d.typeError(err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		bad := keys[0]
		return fmt.Errorf("unknown deck key %s: allowed %s", bad, allowedNear(v, bad))
	}
	return nil
}

// The decoder's two messages for a value of the wrong kind: a scalar or array where another
// scalar is wanted, and anything where a table is wanted (or a table where a value is).
var (
	incompatible = regexp.MustCompile(`last key "([^"]+)"\): incompatible types: TOML value ` +
		`has type ([^;]+); destination has type (\S+)`)
	mismatch = regexp.MustCompile(`last key "([^"]+)"\): type mismatch for [^:]+: ` +
		`expected (\S+) but found (\S+)`)
)

// typeError turns the TOML decoder's error into one line that names the key, the value given
// and the kind of value wanted, without Go type names.
func (d *Deck) typeError(err error) error {
	var key, want string
	if m := incompatible.FindStringSubmatch(err.Error()); m != nil {
		key, want = m[1], m[3]
	} else if m := mismatch.FindStringSubmatch(err.Error()); m != nil {
		key, want = m[1], m[2]
	} else {
		return fmt.Errorf("deck %s: %s", d.name, oneLine(err))
	}
	got, _ := d.Lookup(key)
	switch want {
	case "integer", "int", "int64", "int32", "uint", "uint64":
		want = "an integer"
	case "float", "float64", "float32":
		want = "a number"
	case "bool":
		want = "true or false"
	case "string":
		want = "a string"
	case "table", "map", "struct":
		want = "a table"
	case "slice", "array":
		want = "an array"
	default:
		want = "a " + want
	}
	return fmt.Errorf("deck key %s = %s: want %s", key, literal(got), want)
}

// literal writes v as it would appear in a deck: strings quoted, tables as inline tables
// with sorted keys, arrays in brackets.
func literal(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + " = " + literal(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = literal(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []map[string]any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = literal(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func oneLine(err error) string {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("line %d: %s", pe.Position.Line, pe.Message)
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// Encode writes v (typically a model's fully resolved settings) as TOML.
func Encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
