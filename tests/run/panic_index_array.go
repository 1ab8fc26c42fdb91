package main

var a [4]int

func get(i int) int {
	return a[i]
}

func main() {
	println(get(3))
	println(get(4))
}
