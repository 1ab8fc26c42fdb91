package main

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 100 }
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func main() {
	inc, reset := counter()
	println(inc(), inc(), inc())
	reset()
	println(inc())

	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		println(f())
	}

	double := func(x int) int { return 2 * x }
	addOne := func(x int) int { return x + 1 }
	println(compose(double, addOne)(5), compose(addOne, double)(5))

	sum := 0
	add := func(xs ...int) {
		for _, x := range xs {
			sum += x
		}
	}
	add(1, 2, 3)
	add([]int{10, 20}...)
	println(sum)

	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	println(fib(20))

	x := 1
	func() {
		x := 2
		x++
		_ = x
	}()
	func() { x += 10 }()
	println(x)
}
