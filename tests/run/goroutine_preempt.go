package main

var done bool

func main() {
	go func() {
		println("other goroutine ran")
		done = true
	}()
	n := 0
	for !done {
		n++
	}
	println("main saw done")
}
