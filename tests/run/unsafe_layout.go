package main

import "unsafe"

type A struct {
	a bool
	b int64
	c bool
}

type B struct {
	a, c bool
	b    int64
}

type C struct {
	x int32
	y struct{}
}

type D struct {
	s  string
	sl []int
	i  any
	f  func()
	m  map[int]int
	c  complex128
	p  *int
	a  [3]int16
}

type E struct {
	e struct{}
	x int8
}

func main() {
	var a A
	var b B
	var c C
	var d D
	var e E
	println(unsafe.Sizeof(a), unsafe.Alignof(a), unsafe.Offsetof(a.b), unsafe.Offsetof(a.c))
	println(unsafe.Sizeof(b), unsafe.Offsetof(b.b))
	println(unsafe.Sizeof(c), unsafe.Offsetof(c.y))
	println(unsafe.Sizeof(d), unsafe.Offsetof(d.sl), unsafe.Offsetof(d.i), unsafe.Offsetof(d.f),
		unsafe.Offsetof(d.m), unsafe.Offsetof(d.c), unsafe.Offsetof(d.p), unsafe.Offsetof(d.a))
	println(unsafe.Sizeof(e), unsafe.Offsetof(e.x))
	println(unsafe.Sizeof(int(0)), unsafe.Sizeof(uintptr(0)), unsafe.Sizeof(complex64(0)), unsafe.Alignof(complex128(0)))
	println(unsafe.Sizeof([0]int{}), unsafe.Sizeof(struct{}{}), unsafe.Sizeof([5]byte{}))
	x := [4]int32{1, 2, 3, 4}
	p := unsafe.Pointer(&x[0])
	third := (*int32)(unsafe.Add(p, 8))
	println(*third)
	s := unsafe.Slice(&x[1], 2)
	println(len(s), s[1])
	str := "hello"
	bp := unsafe.StringData(str)
	println(*bp, unsafe.String(bp, 4))
	f := 1.5
	bits := *(*uint64)(unsafe.Pointer(&f))
	println(bits)
}
