package main

func main() {
	var e any = 42
	s := e.(string)
	println(s)
}
