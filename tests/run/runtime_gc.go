package main

import (
	"runtime"
	"unsafe"
)

type obj struct {
	p    *int
	data [8]int
}

var finalized bool

func main() {
	var m runtime.MemStats
	println(unsafe.Sizeof(m), unsafe.Offsetof(m.PauseNs), unsafe.Offsetof(m.NumGC), unsafe.Offsetof(m.BySize))
	runtime.ReadMemStats(&m)
	println(m.Mallocs > 0, m.HeapAlloc > 0, m.Sys > 0, m.EnableGC, m.BySize[1].Size)
	before := m.NumGC
	runtime.GC()
	runtime.ReadMemStats(&m)
	println(m.NumGC > before, m.NumForcedGC >= 1)

	setFinalizer(1)
	for i := 0; i < 100 && !finalized; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	println(finalized)

	y := &obj{}
	runtime.SetFinalizer(y, func(*obj) { println("not run") })
	runtime.SetFinalizer(y, nil)
	runtime.GC()
	runtime.KeepAlive(y)
}

// setFinalizer makes an object with a finalizer that is garbage once it
// returns. (Recursive, so never inlined: rgo scans stacks
// conservatively, and a stale copy of the pointer in main's frame would
// keep the object alive.)
func setFinalizer(depth int) {
	if depth > 0 {
		setFinalizer(depth - 1)
		return
	}
	x := &obj{p: new(int)}
	runtime.SetFinalizer(x, func(o *obj) { finalized = true })
	runtime.KeepAlive(x)
}
