package population

import "math/rand/v2"

// splitmix64 is the output function of the SplitMix64 generator (Steele, Lea & Flood,
// OOPSLA 2014). It turns a seed and a stream index into well separated PCG states.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Stream returns the random stream number k derived from seed: a PCG generator whose two state
// words are SplitMix64 hashes of (seed, k). Stream 0 drives the collective steps (pairing,
// selection); agent i draws only from stream i+1, so a run gives the same numbers whatever the
// number of goroutines and the order in which they are scheduled.
func Stream(seed, k uint64) *rand.Rand {
	a := splitmix64(seed ^ splitmix64(k))
	b := splitmix64(a ^ 0x5851f42d4c957f2d ^ k)
	return rand.New(rand.NewPCG(a, b))
}

func agentStreams(seed uint64, n int) []*rand.Rand {
	rs := make([]*rand.Rand, n)
	for i := range rs {
		rs[i] = Stream(seed, uint64(i)+1)
	}
	return rs
}
