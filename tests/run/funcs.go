package main

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func swap(a, b string) (string, string) { return b, a }

func variadic(prefix string, xs ...int) int {
	t := len(prefix)
	for _, x := range xs {
		t += x
	}
	return t
}

func ack(m, n int) int {
	if m == 0 {
		return n + 1
	}
	if n == 0 {
		return ack(m-1, 1)
	}
	return ack(m-1, ack(m, n-1))
}

func apply(fs map[string]func(int, int) int, name string, a, b int) int {
	return fs[name](a, b)
}

type op func(int) int

func (f op) twice(x int) int { return f(f(x)) }

func many() (int, string, bool, float64, []int) {
	return 1, "two", true, 4.5, []int{5}
}

func main() {
	q, r := divmod(17, 5)
	println(q, r)
	x, y := swap("a", "b")
	println(x, y)
	println(variadic("abc"), variadic("", 1, 2, 3), variadic("z", []int{4, 5}...))
	println(ack(2, 3), ack(3, 3))
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	println(apply(ops, "add", 3, 4), apply(ops, "mul", 3, 4))
	inc := op(func(x int) int { return x + 1 })
	println(inc.twice(5))
	a, b, c, d, e := many()
	println(a, b, c, d, e[0])
	_, s, _, _, _ := many()
	println(s)
	var f func() = nil
	println(f == nil)
	fact := 1
	for i := 1; i <= 20; i++ {
		fact *= i
	}
	println(fact)
}
