// A finalizer that allocates (and so may start a collection) while main
// spins in a loop without calls: the loop must reach a safe point.

package main

import "runtime"

type T struct{ x [64]int }

var done bool

func main() {
	for i := 0; i < 10; i++ {
		t := new(T)
		runtime.SetFinalizer(t, func(t *T) {
			// Allocating in the finalizer may trigger a collection that
			// must stop main's loop.
			s := make([]int, 1<<20)
			_ = s
			done = true
		})
	}
	runtime.GC()
	n := 0
	for !done {
		n++
	}
	println("finalizer ran")
}
