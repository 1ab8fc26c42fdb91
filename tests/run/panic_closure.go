package main

func main() {
	n := 0
	inc := func(d int) int {
		n += d
		if n > 2 {
			panic("too big")
		}
		return n
	}
	for i := 0; i < 5; i++ {
		println(inc(1))
	}
}
