package main

type B bool
type U8 uint8
type F32 float32
type C complex128

func try(v any) {
	defer func() {
		r := recover()
		println("recovered", r == v)
	}()
	panic(v)
}

func main() {
	try(B(true))
	try(U8(200))
	try(F32(0.25))
	panic(C(1 + 2i))
}
