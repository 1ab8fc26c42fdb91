package main

func sqrt(x float64) float64 {
	z := x / 2
	for i := 0; i < 30; i++ {
		z -= (z*z - x) / (2 * z)
	}
	return z
}

func main() {
	nf := -2.5
	println(sqrt(2), sqrt(144), sqrt(1e10))
	a, b := 0.1, 0.2
	println(a+b, a*b, a/b, a-b, a+b == 0.3)
	var f32 float32 = 16777216
	println(f32+1, float64(f32)+1)
	var x float32 = 0.1
	println(x, float64(x), float32(float64(x)))
	big, tiny := 1e308, 5e-324
	println(big*10, -big*10, tiny/2)
	nan := 0.0
	nan = nan / nan
	println(nan == nan, nan != nan, nan < 1, nan > 1)
	println(float64(1<<53+1), float64(int64(-1)), float64(uint64(1<<63)))
	println(uint64(float64(1<<63)), int64(float32(nf)))
	h := 1.0
	for i := 0; i < 10; i++ {
		h /= 3
	}
	println(h, h*59049)
	pi := 3.141592653589793
	println(pi, float32(pi), pi*1e10, pi*1e-10, -pi)
	println(2.0/3.0, 100.0, 1234567.0, 12345678.9, 0.000123, 0.0000123)
}
