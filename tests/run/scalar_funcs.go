package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func divmod(a, b int) (int, int) { return a / b, a % b }

func named(x int) (sq, cube int) {
	sq = x * x
	cube = sq * x
	return
}

func even(n int) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func many(a, b, c, d, e, f, g, h int, x, y float64) float64 {
	return float64(a+b+c+d+e+f+g+h) * x / y
}

func main() {
	println(fib(25))
	q, r := divmod(100, 7)
	println(q, r)
	s, c := named(7)
	println(s, c)
	println(even(100), odd(77), even(3))
	println(gcd(1071, 462))
	println(many(1, 2, 3, 4, 5, 6, 7, 8, 2.5, 0.5))
	x, y := 1, 2
	x, y = y, x+y
	println(x, y)
	_, r2 := divmod(9, 4)
	println(r2)
}
