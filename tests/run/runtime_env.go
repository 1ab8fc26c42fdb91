package main

import "runtime"

func main() {
	println(runtime.GOOS, runtime.GOARCH, runtime.Compiler, runtime.Version())
	n := runtime.NumCPU()
	println(n >= 1, runtime.GOMAXPROCS(0) == n)
	println(runtime.GOMAXPROCS(3) == n, runtime.GOMAXPROCS(-1), runtime.GOMAXPROCS(0))
	println(runtime.GOMAXPROCS(1), runtime.GOMAXPROCS(0))
	const c = runtime.Compiler
	var s string = runtime.GOOS
	println(c, s, len(runtime.GOARCH))
	runtime.MemProfileRate = 0
	println(runtime.MemProfileRate)
	f := runtime.Gosched
	f()
	g := runtime.NumGoroutine
	println(g())
}
