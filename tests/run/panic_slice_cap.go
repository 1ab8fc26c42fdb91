package main

func main() {
	s := make([]int, 3, 5)
	j := 7
	t := s[:j]
	println(len(t))
}
