package p
x := 1
func f() {}
