package main

func main() {
	s := make([]int, 2, 4)
	i := 6
	println(len(s[i:]))
}
