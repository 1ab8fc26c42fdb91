package main

func main() {
	s := "héllo"
	n := len(s) + 2
	println(s[n])
}
