package main

func main() {
	n, c := 5, 2
	s := make([]int, n, c)
	println(len(s))
}
