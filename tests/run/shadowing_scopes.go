package main

var x = "package"

func show() { println(x) }

func main() {
	show()
	x := "main"
	println(x)
	{
		x := "block"
		println(x)
	}
	if x := 5; x > 3 {
		println("if", x)
	} else {
		println("else", x)
	}
	for x := 0; x < 1; x++ {
		println("for", x)
	}
	switch x := 2.5; {
	case x > 2:
		println("switch", x)
	}
	println(x)
	var err error
	if true {
		_, err := 1, error(nil)
		_ = err
	}
	println(err == nil)
	type x2 int
	var v x2 = 3
	println(v)
	const c = 10
	{
		const c = "s"
		println(c)
	}
	println(c)
}
