package p
var _ <-chan<- int
var _ = <-chan int(nil)
type _ <-chan<-chan int
