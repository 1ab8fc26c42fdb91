package main

func main() {
	s := []int{1, 2, 3}
	a := [4]int(s)
	println(a[0])
}
