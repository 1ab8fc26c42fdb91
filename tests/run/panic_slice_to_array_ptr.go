package main

func main() {
	s := make([]byte, 2, 10)
	p := (*[3]byte)(s)
	println(p[0])
}
