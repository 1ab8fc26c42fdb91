package main

func main() {
	s := make([]byte, 3)
	var i uint = 1 << 63
	s[i] = 1
}
