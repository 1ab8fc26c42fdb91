package main

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- j * j
	}
	_ = id
}

func main() {
	jobs := make(chan int, 10)
	results := make(chan int, 10)
	for w := 0; w < 3; w++ {
		go worker(w, jobs, results)
	}
	for i := 1; i <= 9; i++ {
		jobs <- i
	}
	close(jobs)
	sum := 0
	for i := 0; i < 9; i++ {
		sum += <-results
	}
	println(sum)

	done := make(chan struct{})
	ch := make(chan string)
	go func() {
		for _, s := range []string{"a", "b", "c"} {
			ch <- s
		}
		close(ch)
	}()
	go func() {
		for s := range ch {
			print(s)
		}
		println()
		close(done)
	}()
	<-done
	v, ok := <-ch
	println(v == "", ok)

	timeout := make(chan bool, 1)
	timeout <- true
	select {
	case <-ch:
		println("closed ch")
	default:
		println("default")
	}
	select {
	case t := <-timeout:
		println("timeout", t)
	}
}
