package p
func f() {
	if x = 1 {
	}
	if x := 0 {
	}
	if a, b = 1, c+d {
	}
}
