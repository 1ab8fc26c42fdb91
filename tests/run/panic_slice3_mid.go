package main

func main() {
	s := make([]int, 3, 5)
	j, k := 4, 3
	println(len(s[1:j:k]))
}
