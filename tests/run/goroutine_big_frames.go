// Functions with big frames (local arrays) on goroutine stacks: a thunk
// makes room before the frame is allocated; recover works through it.

package main

func f(n int) int {
	var a [20000]int
	for i := range a {
		a[i] = i + n
	}
	s := 0
	for _, v := range a {
		s += v
	}
	if n > 0 {
		s += f(n - 1)
	}
	return s
}

func g(n int) (r int) {
	defer func() {
		var b [5000]int
		for i := range b {
			b[i] = i
		}
		r = recover().(int) + b[4999]
	}()
	var a [9000]int
	a[n] = n
	panic(a[n] + f(3))
}

func main() {
	c := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { c <- f(5) + g(7) }()
	}
	println(<-c, <-c, <-c)
}
