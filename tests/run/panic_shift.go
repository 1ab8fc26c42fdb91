package main

func main() {
	x := 1
	s := -3
	println(x << 2)
	println(x << s)
}
