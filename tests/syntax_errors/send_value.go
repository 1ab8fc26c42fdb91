package p
var c chan int
func f() {
	if c <- 1 {
	}
}
var _ = c <- 1
