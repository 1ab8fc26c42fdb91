package main

const (
	A = iota
	B
	C
	_
	E
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

func main() {
	var i8 int8 = 127
	i8++
	println(i8)
	var u8 uint8 = 0
	u8--
	println(u8)
	var i32 int32 = -2147483648
	println(i32/-1, i32*-1, -i32)
	var i64 int64 = -9223372036854775808
	println(i64/-1, i64%-1)
	println(-7/2, -7%2, 7/-2, 7%-2)
	x := 0xF0
	println(x&0x3C, x|0x0F, x^0xFF, x&^0x30, x<<4, x>>4)
	var u uint = 1
	s := 70
	println(u<<s, int64(-8)>>s, int64(-8)>>2, uint32(1)<<31)
	println(A, B, C, E, KB, MB, GB, Monday+Tuesday)
	f := 3.99
	nf := -3.99
	println(int(f), int(nf), int64(1e18), uint8(int(300)&0xff))
	big := 1 << 40
	k := 70000
	println(int32(big), int16(k), uint16(k), int8(-129+256))
	var r rune = 'A' + 2
	var by byte = 'z'
	println(r, by, string(r))
	h := uint32(2166136261)
	for _, c := range []byte("hash me") {
		h ^= uint32(c)
		h *= 16777619
	}
	println(h)
	var m uint64 = 0xDEADBEEFCAFEBABE
	println(m>>32, m&0xFFFF, m*m, m+m)
	println(0b1010, 0o17, 017, 1_000_000, 'a')
	zu := uint(0)
	println(zu-1 > 0, zu-1)
	n := 10
	n <<= 2
	n >>= 1
	n %= 7
	n |= 8
	n &^= 1
	println(n)
}
