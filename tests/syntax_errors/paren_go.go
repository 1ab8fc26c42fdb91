package p
func f() {
	go (g())
	defer (h())
}
