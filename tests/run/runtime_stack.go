package main

import "runtime"

//go:noinline
func f() {
	buf := make([]byte, 4096)
	n := runtime.Stack(buf, false)
	print(string(buf[:n]))
	println(runtime.Stack(buf[:10], false), string(buf[:10]))
	println(runtime.Stack(nil, false))
}

func main() {
	f()
}
