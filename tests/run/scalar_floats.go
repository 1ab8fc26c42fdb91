package main

func main() {
	a, b := 7.5, 2.0
	println(a+b, a-b, a*b, a/b, -a)
	vals := 0.0
	for i := 0; i < 10; i++ {
		vals += 0.1
	}
	println(vals, vals == 1, 1e6, 1e-6, 123456.789, 1234567.0)
	println(1e100, 1.5e-300, 9007199254740993.0, 0.1+0.7)
	x := 3.75
	println(int(x), int(-x), int64(x*1e15), uint8(x))
	n := 1000
	println(float64(n)/3, float64(-n)*1e300)
	z := 0.0
	println(z, -z, 1/z, -1/z)
	inf := 1 / z
	println(inf-inf, inf*0, inf > 1e308)
	f := 1.0
	for i := 0; i < 1100; i++ {
		f /= 2
	}
	println(f)
	println(2.0/3, 1.0/7, 100.0/7, 1e21/7, 1e-5/7)
}
