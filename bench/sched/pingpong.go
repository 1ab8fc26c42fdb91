// Channel ping-pong: 1e6 round trips between two goroutines over
// unbuffered channels.

package main

func main() {
	a := make(chan int)
	b := make(chan int)
	go func() {
		for v := range a {
			b <- v + 1
		}
	}()
	s := 0
	for i := 0; i < 1000000; i++ {
		a <- i
		s += <-b
	}
	println(s)
}
