package p
func f() {
	L:
}
func g() {
	if x {
	L:
	} else {}
}
