// A million goroutines, each blocked receiving from one channel; the
// program exits once they all exist (scripts/bench --sched measures the
// time and the peak RSS per goroutine).

package main

func main() {
	const n = 1000000
	c := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			<-c
		}()
	}
	println("created", n)
}
