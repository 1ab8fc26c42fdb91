package p
func f() {
	x := y++
	for i := 0; i++; {
	}
}
