package main

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i * 10) {
				return
			}
		}
	}
}

func pairs(yield func(string, int) bool) {
	_ = yield("a", 1) && yield("b", 2) && yield("c", 3)
}

func main() {
	for i := range 4 {
		print(i, " ")
	}
	println()
	var n int64 = 3
	for i := range n {
		print(i, " ")
	}
	println()
	for v := range count(5) {
		if v == 30 {
			break
		}
		print(v, " ")
	}
	println()
	for k, v := range pairs {
		print(k, v, " ")
	}
	println()
	s := []string{"x", "y", "z"}
	for i := range s {
		print(i)
	}
	for range s {
		print(".")
	}
	println()
	for i, c := range [3]byte{'a', 'b', 'c'} {
		print(i, string(rune(c)))
	}
	println()
	sum := 0
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
		sum += i
	}
	println(sum)
	k := 0
	for k < 100 {
		k = k*2 + 1
	}
	println(k)
}
