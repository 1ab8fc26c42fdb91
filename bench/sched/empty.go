// The baseline for per-goroutine memory: a program that does nothing.

package main

func main() {
	println("created", 0)
}
