// A CPU-bound job split over two goroutines (scripts/bench --sched runs
// it with GOMAXPROCS=1 and 2).

package main

// work handles every second number from first, so both halves cost the
// same.
func work(first, n int, c chan int) {
	s := 0
	for i := first; i < n; i += 2 {
		x := i
		for x != 1 && x > 0 {
			if x%2 == 0 {
				x /= 2
			} else {
				x = 3*x + 1
			}
			s++
		}
	}
	c <- s
}

func main() {
	const n = 3000000
	c := make(chan int)
	go work(1, n, c)
	go work(2, n, c)
	println(<-c + <-c)
}
