// Memory statistics.

package runtime

// MemStats holds the memory allocator's statistics, field for field in
// gc 1.27's layout (ReadMemStats fills it; the collector keeps them).
type MemStats struct {
	// General and heap statistics (bytes and object counts).
	Alloc        uint64
	TotalAlloc   uint64
	Sys          uint64
	Lookups      uint64
	Mallocs      uint64
	Frees        uint64
	HeapAlloc    uint64
	HeapSys      uint64
	HeapIdle     uint64
	HeapInuse    uint64
	HeapReleased uint64
	HeapObjects  uint64

	// Stacks and the runtime's own structures.
	StackInuse  uint64
	StackSys    uint64
	MSpanInuse  uint64
	MSpanSys    uint64
	MCacheInuse uint64
	MCacheSys   uint64
	BuckHashSys uint64
	GCSys       uint64
	OtherSys    uint64

	// The collector: next target, last end (ns since 1970), pauses.
	NextGC        uint64
	LastGC        uint64
	PauseTotalNs  uint64
	PauseNs       [256]uint64 // circular buffer of recent pauses (ns)
	PauseEnd      [256]uint64 // and their end times (ns since 1970)
	NumGC         uint32      // completed cycles
	NumForcedGC   uint32      // of them, forced by GC()
	GCCPUFraction float64
	EnableGC      bool // always true
	DebugGC       bool // unused

	// Per size class allocation counts.
	BySize [61]struct {
		Size    uint32
		Mallocs uint64
		Frees   uint64
	}
}

// ReadMemStats fills m with the current statistics (the collector's).
func ReadMemStats(m *MemStats)
