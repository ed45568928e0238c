package driver

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/kinsolve/kinsolve/examples"
	"github.com/kinsolve/kinsolve/solver/backend"
	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// Builder makes a simulation from a deck. It decodes the deck strictly (deck.Decode), fills
// defaults, validates, and returns the simulation with its resolved settings: a struct with
// toml tags that holds every parameter of the run, including the shared sections (a [time]
// table with t_end and an [output] table as TimeSection and OutputSection read them). Errors
// name the deck key and the allowed values.
//
// env holds what the driver opened for the run, such as the compute backend; a model that
// cannot run on env.Backend says so with an error naming the backend key (see Env.RequireCPU).
type Builder func(d *deck.Deck, env Env) (s sim.Simulation, resolved any, err error)

// Env is what the driver provides to a Builder.
type Env struct {
	// Backend evaluates the hot loops (advection shifts, the Landau operator): Go on the CPU
	// ("cpu", the default), or a GPU in the cuda build. It is selected by the deck's top-level
	// key backend (or kinsolve run --backend) and closed by Plan.Close.
	Backend backend.Backend
}

// RequireCPU returns an error naming the backend key unless the run is on the "cpu" backend:
// for models whose work has no kernels of another backend.
func (e Env) RequireCPU(model string) error {
	if name := e.Backend.Name(); name != "cpu" {
		return fmt.Errorf("backend = %q out of range for model %s: allowed cpu (the model has "+
			"no kernels of that backend)", name, model)
	}
	return nil
}

var (
	regMu    sync.RWMutex
	registry = map[string]Builder{}
)

// Register makes a model available under name, the value of a deck's `model` key. It panics
// if the name is empty or taken (a programming error, found at start-up).
func Register(name string, b Builder) {
	regMu.Lock()
	defer regMu.Unlock()
	if name == "" || b == nil {
		panic("driver: Register with an empty name or nil builder")
	}
	if _, dup := registry[name]; dup {
		panic("driver: model " + name + " registered twice")
	}
	registry[name] = b
}

// Models returns the registered model names, sorted.
func Models() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func lookup(d *deck.Deck) (string, Builder, error) {
	name, err := d.String("model", "")
	if err != nil {
		return "", nil, err
	}
	regMu.RLock()
	b, ok := registry[name]
	regMu.RUnlock()
	if name == "" {
		return "", nil, fmt.Errorf("deck key model missing: allowed %s", strings.Join(Models(), ", "))
	}
	if !ok {
		return "", nil, fmt.Errorf("deck key model = %q not known: allowed %s", name,
			strings.Join(Models(), ", "))
	}
	return name, b, nil
}

// Deck families: the models that read the same deck layout.
const (
	familyVlasov      = "vlasov"
	familyCollisional = "collisional"
	familyLandau      = "landau"
)

// modelFamily returns the deck family a model reads, "" for a model outside the three.
func modelFamily(model string) string {
	switch model {
	case "vlasov":
		return familyVlasov
	case "vpl", "vpfp", "ep":
		return familyCollisional
	case "landau":
		return familyLandau
	}
	return ""
}

// deckFamily tells from its distinctive tables and keys which model family a deck was written
// for: [landau] for the homogeneous relaxation, [collision] or init.problem for the
// collisional models, [fit] or init.profile for collisionless Vlasov–Poisson. It returns ""
// when the deck has none of them.
func deckFamily(d *deck.Deck) string {
	has := func(key string) bool { _, ok := d.Lookup(key); return ok }
	switch {
	case has("landau"):
		return familyLandau
	case has("collision") || has("init.problem"):
		return familyCollisional
	case has("fit") || has("init.profile") || has("init.v0") || has("init.beam_speed"):
		return familyVlasov
	}
	return ""
}

// familyDecks describes what each family's decks hold, for the message of wrongFamily.
var familyDecks = map[string]string{
	familyVlasov:      "[init] profile = \"maxwellian\" | \"two-stream\" | \"bump-on-tail\" and [fit]",
	familyCollisional: "[collision] and [init] problem = \"collisional-landau\" | \"sod-plasma\"",
	familyLandau:      "a [landau] table",
}

// wrongFamily returns the error for a deck of one family run with a model of another (say a
// vlasov deck with --model vpl), naming the presets the model does read; nil when the deck's
// family is unknown or matches.
func wrongFamily(d *deck.Deck, model string) error {
	df, mf := deckFamily(d), modelFamily(model)
	if df == "" || mf == "" || df == mf {
		return nil
	}
	var presets []string
	for _, n := range examples.Names() {
		data, err := examples.Read(n)
		if err != nil {
			continue
		}
		pd, err := deck.Parse(n, data)
		if err != nil {
			continue
		}
		// The -2v twins share their deck's layout; naming one of each keeps the line short.
		if m, _ := pd.String("model", ""); modelFamily(m) == mf && !strings.HasSuffix(n, "-2v") {
			presets = append(presets, n)
		}
	}
	models := map[string]string{familyVlasov: "vlasov", familyCollisional: "vpl, vpfp or ep",
		familyLandau: "landau"}
	return fmt.Errorf("deck %s is a %s deck (for model %s); model %s reads decks with %s: "+
		"try %s", d.Name(), df, models[df], model, familyDecks[mf], orList(presets))
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
