package main

type T struct{ a int }

func main() {
	println(0, 1, -1, 9223372036854775807, -9223372036854775808)
	var u64 uint64 = 18446744073709551615
	var u8 uint8 = 255
	var i8 int8 = -128
	println(u64, u8, i8, uint32(1<<32-1), int16(-32768))
	println(true, false, "str", "", 'x', byte('y'))
	floats := []float64{0, 1, -1, 0.5, 1.5, 3.14159, 100, 1e6, 1e20, 1e21, 1e-4, 1e-5, 123456789, 0.1 + 0.2, 1.0 / 3, 2.5e-300, 1.7976931348623157e308}
	for _, f := range floats {
		println(f)
	}
	zero := 0.0
	println(zero/zero, 1/zero, -1/zero, -zero)
	var f32 float32 = 1.1
	println(f32, float32(1)/3, float32(1e10))
	println(complex(1, 2), complex(-1.5, 0), complex64(complex(0.25, -4)))
	print("no", "spaces", 1, 2, "\n")
	print(1.5, true, "\n")
	var p *T
	var e any
	var err error
	println(p, e == nil, err == nil)
	var s []int
	println(len(s), cap(s), s == nil)
	var m map[int]int
	println(m == nil, len(m))
	println("unicode: héllo, 世界", "tab\there")
	println(uintptr(12345))
	x := 3
	println(-x, ^x, +x, !true)
}
