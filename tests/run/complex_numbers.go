package main

func main() {
	a := complex(1, 2)
	b := 3 - 4i
	println(a+b, a-b, a*b, a/b)
	println(real(a), imag(b), a == complex(1, 2), a != b)
	var c64 complex64 = complex64(a)
	println(c64*c64, real(c64))
	z := 0i
	for i := 0; i < 5; i++ {
		z = z*z + complex(0.25, 0.1)
	}
	println(z)
	zero := complex(0, 0)
	println(a / zero)
	huge := 1e300
	println(complex(huge, huge) * complex(huge, 0))
	var sum complex128
	for _, v := range []complex128{1, 1i, -1, -1i} {
		sum += v * v
	}
	println(sum)
}
