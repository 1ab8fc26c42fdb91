package p
func f() {
	_ = x[]
	_ = x[1 2]
}
