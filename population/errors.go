package population

import (
	"errors"
	"fmt"
	"math"
)

// ErrConfig is wrapped by every error that reports a configuration value out of range. The
// message names the field, the value given and the allowed range, for example
//
//	population: invalid configuration: Agents = 1 out of range: must be at least 2
var ErrConfig = errors.New("population: invalid configuration")

func rangeErr(field string, value any, want string) error {
	return fmt.Errorf("%w: %s = %v out of range: %s", ErrConfig, field, value, want)
}

func checkAgents(n, min int) error {
	if n < min {
		return rangeErr("Agents", n, fmt.Sprintf("must be at least %d", min))
	}
	return nil
}

func checkPositive(field string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return rangeErr(field, v, "must be finite and > 0")
	}
	return nil
}

func checkUnit(field string, v float64, open bool) error {
	if open {
		if !(v >= 0 && v < 1) {
			return rangeErr(field, v, "must lie in [0, 1)")
		}
		return nil
	}
	if !(v >= 0 && v <= 1) {
		return rangeErr(field, v, "must lie in [0, 1]")
	}
	return nil
}
