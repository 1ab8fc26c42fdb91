package p
func f() {
	for range {
	}
	for x := range {
	}
}
