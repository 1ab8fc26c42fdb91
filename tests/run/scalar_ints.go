package main

func main() {
	a, b := 17, 5
	println(a+b, a-b, a*b, a/b, a%b, -a/b, -a%b, a/-b, a%-b)
	println(a&b, a|b, a^b, a&^b, a<<3, a>>2, -a>>1, ^a)
	var i8 int8 = 100
	i8 += 100
	var u8 uint8 = 10
	u8 -= 20
	var i16 int16 = 32767
	i16++
	var u16 uint16 = 0
	u16--
	var i32 int32 = 2147483647
	i32 += 2
	var u32 uint32 = 4000000000
	u32 *= 2
	println(i8, u8, i16, u16, i32, u32)
	var i64 int64 = 9223372036854775807
	i64++
	var u64 uint64 = 1
	u64 = -u64
	println(i64, u64, u64/3, u64%1000)
	s := uint(65)
	println(1<<s, uint64(1)<<63>>s, int64(-1)>>s, int32(1)<<(s-34))
	x := 255
	println(int8(x), uint8(x+1), int16(x*300), uint32(-x), int64(int8(x)))
	m := -9223372036854775807 - 1
	println(m/-1, m%-1, -m)
	var r rune = 'é'
	var c byte = 'A'
	println(r, c, r+1, c+25)
	n := 1
	for n < 1000000 {
		n = n*3 + 1
	}
	println(n)
	h := uint64(14695981039346656037)
	for i := 0; i < 10; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	println(h)
}
