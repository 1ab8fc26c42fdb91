package main

import "runtime"

type I interface{ M() }
type T struct{}

func try(name string, f func()) {
	defer func() {
		r := recover()
		e, ok := r.(runtime.Error)
		println(name, ok)
		if ok {
			println("  ", e.Error())
		}
		if te, ok := r.(*runtime.TypeAssertionError); ok {
			println("  tae:", te.Error())
		}
		if _, ok := r.(*runtime.PanicNilError); ok {
			println("  panic nil")
		}
		if err, ok := r.(error); ok {
			println("  error:", err.Error())
		}
	}()
	f()
}

var sink int

func main() {
	a := []int{1, 2, 3}
	i := 5
	try("index", func() { sink = a[i] })
	try("slice", func() { _ = a[i:] })
	var m map[string]int
	try("nilmap", func() { m["a"] = 1 })
	var p *int
	try("nilptr", func() { sink = *p })
	z := 0
	try("div", func() { sink = 1 / z })
	var x any = 3
	try("assert", func() { _ = x.(string) })
	try("assertI", func() { _ = x.(I) })
	try("panicnil", func() { panic(nil) })
	try("custom", func() { panic("boom") })
	var e runtime.Error
	println(e == nil)
	var te *runtime.TypeAssertionError
	var err error = te
	_, isRT := err.(runtime.Error)
	println(isRT)
	defer func() {
		r := recover()
		panic(r)
	}()
	sink = a[i]
}
