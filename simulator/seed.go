package simulator

import (
	"crypto/rand"
	"encoding/binary"
)

// entropySeed draws the seed of a server built without WithSeed. It is the
// one use of entropy outside the seeded source, once at construction: every
// random choice after it comes from the seeded source, so printing the seed
// (Server.Seed) is enough to replay a run.
func entropySeed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return binary.LittleEndian.Uint64(b[:])
}

// Seed returns the seed of the server's random source: the one given to
// WithSeed, or the one drawn at construction. WithSeed(s.Seed()) replays
// the ids of a run.
func (s *Server) Seed() uint64 { return s.cfg.seed }
