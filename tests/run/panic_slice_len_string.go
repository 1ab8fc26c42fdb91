package main

func main() {
	s := "hello"
	j := 7
	println(s[:j])
}
