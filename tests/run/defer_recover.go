package main

func order() {
	for i := 0; i < 3; i++ {
		defer println("defer", i)
	}
	println("order body")
}

func args() {
	x := 1
	defer println("deferred x =", x)
	x = 2
	defer func() { println("closure x =", x) }()
	x = 3
}

func named() (r int) {
	defer func() { r *= 2 }()
	return 21
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = e.(error)
		}
	}()
	return a / b, nil
}

func nested() {
	defer func() {
		println("outer recover:", recover() != nil)
	}()
	defer func() {
		func() {
			println("inner recover (not direct):", recover() == nil)
		}()
	}()
	panic("p")
}

func noPanic() {
	defer func() {
		println("recover without panic:", recover() == nil)
	}()
}

func repanic() (s string) {
	defer func() {
		s = recover().(string) + "+caught"
	}()
	defer func() {
		r := recover()
		panic(r.(string) + "+again")
	}()
	panic("orig")
}

type cleanup struct{ name string }

func (c cleanup) done() { println("done", c.name) }

func methods() {
	c := cleanup{"a"}
	defer c.done()
	c.name = "b"
	defer c.done()
}

func main() {
	order()
	args()
	println(named())
	q, err := safeDiv(10, 2)
	println(q, err == nil)
	q, err = safeDiv(1, 0)
	println(q, err.Error())
	nested()
	noPanic()
	println(repanic())
	methods()
	func() {
		defer func() {
			r := recover()
			println("recovered value:", r.(int))
		}()
		panic(7)
	}()
	println("end")
}
