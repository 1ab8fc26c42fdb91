package main

type E struct{ s string }

func (e E) Error() string { return "E:" + e.s }

func safe(f func()) (r any) {
	defer func() {
		r = recover()
	}()
	f()
	return nil
}

func main() {
	println(safe(func() { panic("boom") }).(string))
	r := safe(func() {
		var a []int
		_ = a[5]
	})
	println(r.(error).Error())
	r = safe(func() { panic(E{"x"}) })
	println(r.(error).Error())
	r = safe(func() {
		var m map[string]int
		m["a"] = 1
	})
	println(r.(error).Error())
	r = safe(func() {
		var p *E
		println(p.s)
	})
	println(r.(error).Error())
	r = safe(func() {
		var x any = 1
		_ = x.(string)
	})
	println(r.(error).Error())
	defer func() {
		println("recovered?", recover() != nil)
		panic("again")
	}()
	panic(E{"final"})
}
