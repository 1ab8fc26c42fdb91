package p
func f() {
	switch main() := x.(type) {
	}
}
