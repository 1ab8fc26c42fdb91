// Profiling, tracing and cgo hooks. rgo records no profiles and no
// execution traces yet, and has no cgo: these report empty profiles (as
// gc does while profiling is off) and tracing as unavailable.

package runtime

import "unsafe"

// StackRecord is one stack of a profile.
type StackRecord struct {
	Stack0 [32]uintptr // return addresses, up to the first 0
}

// Stack is the record's addresses (Stack0 up to its first 0).
func (r *StackRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// MemProfileRecord counts the allocations of one stack.
type MemProfileRecord struct {
	AllocBytes, FreeBytes     int64
	AllocObjects, FreeObjects int64
	Stack0                    [32]uintptr // return addresses, up to the first 0
}

// InUseBytes is AllocBytes - FreeBytes.
func (r *MemProfileRecord) InUseBytes() int64 { return r.AllocBytes - r.FreeBytes }

// InUseObjects is AllocObjects - FreeObjects.
func (r *MemProfileRecord) InUseObjects() int64 {
	return r.AllocObjects - r.FreeObjects
}

// Stack is the record's addresses (Stack0 up to its first 0).
func (r *MemProfileRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// BlockProfileRecord counts the blocking events of one stack.
type BlockProfileRecord struct {
	Count  int64
	Cycles int64
	StackRecord
}

// MemProfile is the allocation profile: empty, as rgo does not sample
// allocations yet.
func MemProfile(p []MemProfileRecord, inuseZero bool) (n int, ok bool) {
	return 0, true
}

// BlockProfile returns the current blocking profile (empty: rgo does
// not record one yet).
func BlockProfile(p []BlockProfileRecord) (n int, ok bool) {
	return 0, true
}

// MutexProfile returns the current mutex profile (empty: rgo does not
// record one yet).
func MutexProfile(p []BlockProfileRecord) (n int, ok bool) {
	return 0, true
}

// ThreadCreateProfile returns the thread creation profile: rgo's one
// thread, created before any Go code ran (an empty stack).
func ThreadCreateProfile(p []StackRecord) (n int, ok bool) {
	n = 1
	if len(p) >= n {
		p[0] = StackRecord{}
		ok = true
	}
	return
}

// GoroutineProfile is one record per goroutine (n), stored in p when it
// is long enough (ok). rgo records the stack of the calling goroutine;
// the other records have empty stacks.
func GoroutineProfile(p []StackRecord) (n int, ok bool) {
	n = NumGoroutine()
	if len(p) < n {
		return n, false
	}
	for i := range p[:n] {
		p[i] = StackRecord{}
	}
	callers(1, p[0].Stack0[:])
	return n, true
}

var blockProfileRate, mutexProfileFraction int

// SetBlockProfileRate sets the blocking profile's rate (kept; rgo does
// not profile blocking yet).
func SetBlockProfileRate(rate int) {
	blockProfileRate = rate
}

// SetMutexProfileFraction sets the mutex profile's rate unless rate < 0
// and returns the previous one (kept; rgo does not profile mutexes yet).
func SetMutexProfileFraction(rate int) int {
	old := mutexProfileFraction
	if rate >= 0 {
		mutexProfileFraction = rate
	}
	return old
}

// SetCPUProfileRate sets the CPU profiling rate (recorded; rgo takes no
// CPU profile samples yet).
func SetCPUProfileRate(hz int) {
	cpuProfileRate = hz
}

var cpuProfileRate int

// CPUProfile panics, as gc's does: it is no longer available.
func CPUProfile() []byte {
	panic("CPUProfile no longer available")
}

// traceError is the error StartTrace returns.
type traceError struct{}

func (traceError) Error() string { return "runtime: execution tracing is not supported by rgo" }

// StartTrace would start the execution tracer: rgo has none yet, so it
// returns an error.
func StartTrace() error {
	return traceError{}
}

// StopTrace stops the tracer (never running).
func StopTrace() {}

// ReadTrace is the next chunk of trace data: nil, no tracer runs.
func ReadTrace() (buf []byte) {
	return nil
}

// NumCgoCall counts cgo calls: rgo builds without cgo.
func NumCgoCall() int64 {
	return 0
}

// SetCgoTraceback takes cgo's traceback hooks; without cgo they are
// never called.
func SetCgoTraceback(version int, traceback, context, symbolizer unsafe.Pointer) {
	if version != 0 {
		panic("unsupported version")
	}
}
