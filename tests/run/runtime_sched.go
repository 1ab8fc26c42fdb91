package main

import "runtime"

func main() {
	println(runtime.NumGoroutine())
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			<-done
		}()
	}
	println(runtime.NumGoroutine())
	close(done)
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	println(runtime.NumGoroutine())
	c := make(chan int)
	go func() {
		defer func() {
			println("deferred", recover() == nil)
			c <- 1
		}()
		runtime.Goexit()
		println("not reached")
	}()
	<-c
	runtime.Gosched()
	println(runtime.NumGoroutine())
	order := make(chan int, 10)
	go func() { order <- 1 }()
	runtime.Gosched()
	order <- 2
	println(<-order, <-order)
	println(runtime.GOMAXPROCS(0) == runtime.NumCPU())
	runtime.LockOSThread()
	runtime.UnlockOSThread()
	buf := make([]byte, 1024)
	n := runtime.Stack(buf, false)
	s := string(buf[:n])
	println(s[:len("goroutine 1 [running]:\nmain.main()")])
	println(runtime.Stack(buf[:10], false), string(buf[:10]))
	defer println("main deferred")
	runtime.Goexit()
}
