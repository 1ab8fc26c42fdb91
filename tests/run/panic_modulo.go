package main

func main() {
	var a, b int32 = 7, 0
	println(a % b)
}
