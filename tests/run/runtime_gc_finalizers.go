// Finalizers, cleanups and memory statistics through package runtime:
// unreachable objects' finalizers and cleanups run (on the runtime's
// goroutine), reachable ones' do not, Cleanup.Stop cancels, and memory
// freed by a collection shows in ReadMemStats.
package main

import "runtime"

type T struct {
	id int
	p  *int
}

var finalized = make(chan int, 100)

//go:noinline
func mk(i int) {
	t := &T{id: i, p: new(int)}
	runtime.SetFinalizer(t, func(p *T) { finalized <- p.id })
}

// clobber overwrites the dead part of the stack (stacks are scanned
// conservatively by rgo: stale words could keep an object alive).
//
//go:noinline
func clobber(n int) int {
	var buf [64]int
	for i := range buf {
		buf[i] = n + i
	}
	if n > 0 {
		return clobber(n-1) + buf[n%64]
	}
	return buf[0]
}

var sink int

// fill allocates about 6 MB that is garbage once it returns, and reads
// the statistics while it is still live. (Recursive: never inlined, so
// no word of main's frame refers to it.)
func fill(depth int, m *runtime.MemStats) {
	if depth > 0 {
		fill(depth-1, m)
		return
	}
	big := make([]*T, 1<<18)
	for i := range big {
		big[i] = &T{id: i}
	}
	runtime.ReadMemStats(m)
	sink = len(big)
}

// collect waits for want values on c, collecting in between.
func collect(c chan int, want int) (n, sum int) {
	for tries := 0; tries < 200 && n < want; tries++ {
		select {
		case v := <-c:
			n++
			sum += v
		default:
			clobber(20)
			runtime.GC()
			runtime.Gosched()
		}
	}
	return
}

func main() {
	for i := 0; i < 10; i++ {
		mk(i)
	}
	keep := &T{id: 99}
	runtime.SetFinalizer(keep, func(*T) { println("kept object finalized") })
	n, sum := collect(finalized, 10)
	println("finalized", n, sum)

	cleaned := make(chan int, 10)
	for i := 0; i < 5; i++ {
		func(i int) {
			x := new([4]int)
			x[0] = i
			runtime.AddCleanup(x, func(v int) { cleaned <- v }, i)
		}(i)
	}
	n, sum = collect(cleaned, 5)
	println("cleaned", n, sum)

	y := new([4]int)
	c := runtime.AddCleanup(y, func(int) { println("stopped cleanup ran") }, 0)
	c.Stop()
	runtime.KeepAlive(y)
	y = nil

	var m1, m2 runtime.MemStats
	fill(1, &m1)
	clobber(20)
	runtime.GC()
	runtime.ReadMemStats(&m2)
	println("freed", m1.HeapAlloc > m2.HeapAlloc+(4<<20), m2.NumGC > m1.NumGC, m2.Frees > m1.Frees, m2.NumForcedGC > m1.NumForcedGC)
	runtime.GC()
	runtime.Gosched()
	runtime.KeepAlive(keep)
	println("done")
}
