package main

func main() {
	z := 0.0
	nan := z / z
	println(nan)
	println(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan >= 0)
	one := 1.0
	println(one < nan, one == nan, !(nan < one))
	if nan < one {
		println("wrong: nan < 1")
	} else {
		println("ok")
	}
	if nan == nan {
		println("wrong: nan == nan")
	}
	if nan != nan {
		println("nan != nan")
	}
	var f32 float32 = float32(nan)
	println(f32 == f32, f32 != f32)
	cnt := 0
	for i := 0; i < 4; i++ {
		v := nan
		if i%2 == 1 {
			v = float64(i)
		}
		if v == v {
			cnt++
		}
	}
	println(cnt)
}
