// With one P, goroutines that spin in loops without calls still take
// turns: sysmon preempts each after 10 ms (the loops poll on their back
// edges).

package main

import "runtime"

var turn [3]int

func spin(id int, done chan bool) {
	// Spin until every goroutine has had the CPU at least once.
	turn[id] = 1
	for turn[0]+turn[1]+turn[2] < 3 {
	}
	done <- true
}

func main() {
	prev := runtime.GOMAXPROCS(1)
	println("previous setting positive:", prev > 0)
	println("now:", runtime.GOMAXPROCS(0))
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go spin(i, done)
	}
	for i := 0; i < 3; i++ {
		<-done
	}
	println("all three ran")
}
