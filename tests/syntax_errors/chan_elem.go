package p
type S struct {
	c chan
}
func f(c chan) {}
