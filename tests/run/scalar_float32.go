package main

func main() {
	var a float32 = 0.1
	var b float32 = 0.2
	println(a, b, a+b, a*b, a/b)
	println(float64(a), float32(float64(a)+1e-9))
	var big float32 = 16777216
	println(big+1, big*big, -big)
	c := float32(1) / 3
	println(c, c*3, int32(c*300))
	x := 3.14159265358979
	println(float32(x), float64(float32(x)))
	var m float32 = 3.4e38
	d := float32(1e30)
	println(m, m*10, m/d/d)
}
