package main

type K struct {
	name string
	f    func()
}

func main() {
	var a, b any = K{name: "x"}, K{name: "x"}
	println(a != b)
}
