// Cleanups and pinning. The collector (crates/runtime) implements the
// body-less functions.

package runtime

import "unsafe"

// Cleanup names one AddCleanup registration.
type Cleanup struct {
	id  uint64  // the collector's id of the registration
	ptr uintptr // the object
}

// AddCleanup makes the collector call cleanup(arg), on a goroutine of
// its own, some time after ptr becomes unreachable.
func AddCleanup[T, S any](ptr *T, cleanup func(S), arg S) Cleanup {
	if ptr == nil {
		panic("runtime.AddCleanup: ptr is nil")
	}
	p := unsafe.Pointer(ptr)
	id := addCleanup(p, func() { cleanup(arg) })
	return Cleanup{id: id, ptr: uintptr(p)}
}

// addCleanup registers fn to run once p is unreachable; it returns the
// cleanup's id.
func addCleanup(p unsafe.Pointer, fn func()) uint64

// Stop cancels the cleanup unless it is already queued to run.
// (Implemented by the collector as runtime.Cleanup.Stop.)
func (c Cleanup) Stop()

// Pinner pins objects in place. rgo's collector never moves objects, so
// pinning keeps an object reachable until Unpin.
type Pinner struct {
	*pinner
}

type pinner struct {
	refs []unsafe.Pointer
}

// Pin keeps the object pointer points to in place and alive until
// Unpin.
func (p *Pinner) Pin(pointer any) {
	if p.pinner == nil {
		p.pinner = new(pinner)
	}
	data := (*[2]unsafe.Pointer)(unsafe.Pointer(&pointer))[1]
	if data == nil {
		return
	}
	p.refs = append(p.refs, data)
}

// Unpin releases every object p pinned.
func (p *Pinner) Unpin() {
	if p.pinner != nil {
		p.refs = nil
	}
}
