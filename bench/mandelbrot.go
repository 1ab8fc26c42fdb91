// mandelbrot: the points of a 3000×3000 grid over [-1.5,0.5]×[-1,1] that
// stay bounded for 50 iterations, counted (and a checksum of the bitmap
// the Benchmarks Game's program would write); println only.
package main

func main() {
	const size = 3000
	const iter = 50
	count := 0
	checksum := uint32(0)
	for y := 0; y < size; y++ {
		ci := 2*float64(y)/size - 1
		bits := uint32(0)
		for x := 0; x < size; x++ {
			cr := 2*float64(x)/size - 1.5
			zr, zi, tr, ti := 0.0, 0.0, 0.0, 0.0
			i := 0
			for ; i < iter && tr+ti <= 4; i++ {
				zi = 2*zr*zi + ci
				zr = tr - ti + cr
				tr = zr * zr
				ti = zi * zi
			}
			bits <<= 1
			if tr+ti <= 4 {
				count++
				bits |= 1
			}
			if x%8 == 7 {
				checksum = checksum*31 + bits
				bits = 0
			}
		}
	}
	println(count, checksum)
}
