package p
func f() {
	_ = g[]()
	_ = m[int,]{}
}
