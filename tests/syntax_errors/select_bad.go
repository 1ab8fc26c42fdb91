package p
func f() {
	select {
	foo
	}
}
