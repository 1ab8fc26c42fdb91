package main

func show(v float64) {
	println(int64(v), int32(v), int(v), uint64(v), uint32(v), uint8(v))
}

func main() {
	z := 0.0
	show(z / z)
	show(1 / z)
	show(-1 / z)
	show(1e19)
	show(-1e19)
	show(3e9)
	show(-3e9)
	show(-1.5)
	show(2.5)
	show(9.2e18)
	var f32 float32 = 3e9
	println(int32(f32), int64(f32), uint32(f32))
	u := uint64(1<<63 + 12345)
	println(float64(u), float64(int64(u)))
	var big uint64 = 18446744073709551615
	println(float64(big))
	i := -1
	println(uint64(i), uint32(i), uint16(i), uint8(i), float64(uint(i)))
	var u32 uint32 = 4294967295
	println(float64(u32), int8(u32), int64(int32(u32)))
}
