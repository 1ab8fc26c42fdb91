package main

type Seq[V any] func(yield func(V) bool)

func Count(n int) Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				println("stopped at", i)
				return
			}
		}
	}
}

func Filter[V any](s Seq[V], keep func(V) bool) Seq[V] {
	return func(yield func(V) bool) {
		for v := range s {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func find(target int) (int, string) {
	for v := range Count(100) {
		if v == target {
			return v * 2, "found"
		}
	}
	return -1, "none"
}

func nested() int {
	total := 0
	for a := range Count(3) {
		for b := range Count(3) {
			if b > a {
				break
			}
			if a == 2 && b == 1 {
				return total + 1000
			}
			total += a*10 + b
		}
	}
	return total
}

func main() {
	println(find(7))
	println(find(200))
	println(nested())
	var fs []func() int
	for v := range Count(3) {
		fs = append(fs, func() int { return v })
	}
	println(fs[0](), fs[1](), fs[2]())
	for v := range Filter(Count(10), func(x int) bool { return x%3 == 0 }) {
		if v == 6 {
			continue
		}
		print(v, " ")
	}
	println()
	sum := 0
	for range Count(4) {
		sum++
	}
	println(sum)
}
