package main

func main() {
	var e interface{}
	n := e.(int)
	println(n)
}
