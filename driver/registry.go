package driver

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// Builder makes a simulation from a deck. It decodes the deck strictly (deck.Decode), fills
// defaults, validates, and returns the simulation with its resolved settings: a struct with
// toml tags that holds every parameter of the run, including the shared sections (a [time]
// table with t_end and an [output] table as TimeSection and OutputSection read them). Errors
// name the deck key and the allowed values.
type Builder func(d *deck.Deck) (s sim.Simulation, resolved any, err error)

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
