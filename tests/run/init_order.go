package main

var (
	a = c + b
	b = f("b", 2)
	c = f("c", 3)
	d = 4
)

var total int

func f(name string, v int) int {
	println("init", name)
	return v
}

func init() {
	println("init 1:", a, b, c, d)
	total += a
}

func init() {
	println("init 2:", total)
	total *= 10
}

func main() {
	println("main:", total)
}
