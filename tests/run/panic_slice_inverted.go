package main

func main() {
	s := []int{1, 2, 3, 4, 5}
	i, j := 3, 2
	println(len(s[i:j]))
}
