package p
func f() {
	_ = x[1::3]
	_ = x[1:2:]
}
