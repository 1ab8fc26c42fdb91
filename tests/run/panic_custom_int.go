package main

func f(n int) {
	if n == 0 {
		panic(42)
	}
	f(n - 1)
}

func main() {
	f(3)
}
