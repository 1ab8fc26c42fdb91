package main

func main() {
	var p *int
	println("deref")
	println(*p)
}
