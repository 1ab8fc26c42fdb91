package main

func main() {
	var a [5]int
	p := &a
	j := 6
	println(len(p[:j]))
}
