// Stress: 10,000 goroutines hammer shared channels with select while the
// collector is forced over and over. Every message carries heap data
// that is checked on arrival; every message is delivered exactly once;
// at the end every goroutine has exited and the heap is back to small.
//
// It runs for 30 seconds with the collector forced every 10 ms;
// scripts/stress runs it repeatedly under GOMAXPROCS=2.

package main

import (
	"runtime"
	_ "unsafe" // for go:linkname
)

//go:linkname nanotime runtime.nanotime
func nanotime() int64

const (
	workers  = 10000
	duration = 30e9 // ns
	gcEvery  = 10e6 // ns
)

type payload struct {
	id    int
	words []int
	label string
	next  *payload
}

func newPayload(id int) *payload {
	p := &payload{id: id, words: make([]int, 8), label: "msg"}
	for i := range p.words {
		p.words[i] = id*8 + i
	}
	if id%3 == 0 {
		p.next = &payload{id: -id, label: "tail"}
	}
	return p
}

func (p *payload) ok() bool {
	if len(p.words) != 8 || p.label != "msg" {
		return false
	}
	for i, w := range p.words {
		if w != p.id*8+i {
			return false
		}
	}
	if p.id%3 == 0 && (p.next == nil || p.next.id != -p.id || p.next.label != "tail") {
		return false
	}
	return true
}

func main() {
	in := make(chan *payload, 128)
	out := make(chan *payload, 128)
	side := make(chan *payload) // unbuffered: hand-offs between workers
	quit := make(chan struct{})
	exited := make(chan int, workers)

	for w := 0; w < workers; w++ {
		go func(w int) {
			handled := 0
			for {
				select {
				case p := <-in:
					if !p.ok() {
						panic("corrupt message")
					}
					// Every fourth message takes a detour through
					// another worker.
					if p.id%4 == 0 {
						select {
						case side <- p:
						case out <- p:
						}
					} else {
						out <- p
					}
					handled++
				case p := <-side:
					if !p.ok() {
						panic("corrupt message (side)")
					}
					out <- p
					handled++
				case <-quit:
					exited <- handled
					return
				}
			}
		}(w)
	}

	// The collector, forced every 10 ms while the others run.
	start := nanotime()
	gcdone := make(chan int)
	stopgc := make(chan struct{})
	go func() {
		n := 0
		last := nanotime()
		for {
			select {
			case <-stopgc:
				gcdone <- n
				return
			default:
			}
			if nanotime()-last >= gcEvery {
				runtime.GC()
				n++
				last = nanotime()
			}
			runtime.Gosched()
		}
	}()

	// The producer sends until the time is up, then says how many.
	sent := make(chan int)
	go func() {
		i := 0
		for nanotime()-start < duration {
			for k := 0; k < 1000; k++ {
				in <- newPayload(i)
				i++
			}
		}
		sent <- i
	}()

	var seen []bool
	received, messages := 0, -1
	for messages < 0 || received < messages {
		select {
		case p := <-out:
			for p.id >= len(seen) {
				seen = append(seen, make([]bool, 1<<16)...)
			}
			if !p.ok() || seen[p.id] {
				panic("corrupt or duplicate message")
			}
			seen[p.id] = true
			received++
		case messages = <-sent:
		}
	}
	close(quit)
	total := 0
	for w := 0; w < workers; w++ {
		total += <-exited
	}
	close(stopgc)
	gcs := <-gcdone
	if total < messages {
		panic("lost messages")
	}
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	elapsed := (nanotime() - start) / 1e9
	println("messages", messages > 0, "handled", total >= messages, "gcs", gcs >= int(elapsed))
	println("goroutines", runtime.NumGoroutine(), "heap small", ms.HeapAlloc < 64<<20)
}
