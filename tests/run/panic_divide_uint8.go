package main

func main() {
	var a, b uint8 = 200, 0
	for i := 0; i < 3; i++ {
		println(a / (b + uint8(2-i)))
	}
}
