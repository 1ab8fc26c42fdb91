package p
func f() {
	if var x = 0; x < 1 {
	}
	for var i = 0; i < 1; i++ {
	}
}
