package main

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- j * id
	}
}

func main() {
	jobs := make(chan int, 10)
	results := make(chan int)
	go worker(2, jobs, results)
	for i := 1; i <= 3; i++ {
		jobs <- i
	}
	close(jobs)
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-results
	}
	println(sum, len(jobs), cap(jobs))
	done := make(chan bool)
	go func() {
		done <- true
	}()
	select {
	case v := <-done:
		println("done", v)
	}
	c := make(chan int, 1)
	select {
	case c <- 5:
		println("sent")
	default:
		println("full")
	}
	v, ok := <-c
	println(v, ok)
	close(c)
	v, ok = <-c
	println(v, ok)
}
