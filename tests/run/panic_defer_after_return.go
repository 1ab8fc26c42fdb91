package main

func f() int {
	defer func() {
		panic("deferred after return")
	}()
	return 1
}

func main() {
	println(f())
}
