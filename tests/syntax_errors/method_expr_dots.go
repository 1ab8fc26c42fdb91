package p
func f() {
	g(f..3)
}
