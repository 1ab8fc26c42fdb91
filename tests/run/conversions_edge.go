package main

func main() {
	z := 0.0
	nan := z / z
	inf := 1 / z
	vals := []float64{nan, inf, -inf, 1e19, -1e19, 3e9, -3e9, -1.5, 2.5, 9.2e18}
	for _, v := range vals {
		println(int64(v), int32(v), int(v), uint64(v), uint32(v), uint8(v))
	}
	var f32 float32 = 3e9
	println(int32(f32), int64(f32), uint32(f32))
	u := uint64(1<<63 + 12345)
	println(float64(u), float32(u), float64(int64(u)))
	var big uint64 = 18446744073709551615
	println(float64(big), float32(big))
	i := -1
	println(uint64(i), uint32(i), uint16(i), uint8(i), float64(uint(i)))
	r := rune(0x10FFFF + 1)
	println(string(r) == "\uFFFD", string(rune(-5)) == "\uFFFD")
	s := string(rune(0xD800))
	println(len(s), s == "\uFFFD")
}
