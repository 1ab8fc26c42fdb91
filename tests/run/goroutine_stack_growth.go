package main

// Goroutine stacks start small and move when they grow: pointers into
// the stack (frame-local slices, defer frames, panics in flight) must
// survive the moves.

type node struct {
	depth int
	sum   int
}

// deep recurses n levels; each level keeps a frame-local slice (its
// backing array lives in the frame) and checks it after the deeper
// calls, which move the stack many times.
func deep(n int) int {
	var buf []int
	for i := 0; i < 4; i++ {
		buf = append(buf, n*10+i)
	}
	r := 0
	if n > 0 {
		r = deep(n - 1)
	}
	for i, v := range buf {
		if v != n*10+i {
			println("corrupted at depth", n)
			return -1 << 40
		}
	}
	return r + buf[3] - buf[0]
}

func withDefer(n int, out *int) {
	defer func() {
		*out += n
	}()
	if n > 0 {
		withDefer(n-1, out)
	}
}

func recurseAndPanic(n int) {
	if n == 0 {
		panic("bottom")
	}
	recurseAndPanic(n - 1)
}

func recovers(n int) (msg string) {
	defer func() {
		msg = recover().(string)
	}()
	recurseAndPanic(n)
	return "not reached"
}

func main() {
	done := make(chan int)
	for g := 0; g < 4; g++ {
		go func(g int) {
			r := deep(20000 + g)
			var total int
			withDefer(5000, &total)
			m := recovers(30000)
			done <- r + total + len(m)
		}(g)
	}
	sum := 0
	for g := 0; g < 4; g++ {
		sum += <-done
	}
	println(sum)

	// A goroutine that grew, blocked, and resumes on its moved stack.
	c := make(chan int)
	go func() {
		x := deep(50000)
		c <- x
		c <- deep(10)
	}()
	println(<-c, <-c)
}
