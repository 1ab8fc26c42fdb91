package p
func f() {
	goto 1
}
