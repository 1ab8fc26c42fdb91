package p
func f(a ...int, b int) {}
func g() (r ...int) {}
var _ = func(...int, ...int) {}
