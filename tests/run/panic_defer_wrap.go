package main

func check(n int) {
	if n > 1 {
		panic("check failed")
	}
	println("check", n)
}

func main() {
	for i := 0; i < 3; i++ {
		defer check(i)
	}
	println("body done")
}
