package main

type Inner struct {
	A int
	B string
}

type Outer struct {
	In  Inner
	Arr [3]int
	F   float64
}

type Matrix [3][3]int

func (m Matrix) T() Matrix {
	var r Matrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			r[j][i] = m[i][j]
		}
	}
	return r
}

func modify(a [3]int) [3]int {
	a[0] = 100
	return a
}

func main() {
	o1 := Outer{Inner{1, "x"}, [3]int{1, 2, 3}, 1.5}
	o2 := o1
	println(o1 == o2)
	o2.Arr[1] = 7
	println(o1 == o2, o1.Arr[1], o2.Arr[1])
	o2 = o1
	o2.In.B = "y"
	println(o1 != o2)

	a := [3]int{1, 2, 3}
	b := modify(a)
	println(a[0], b[0], a == [3]int{1, 2, 3}, a != b)

	m := Matrix{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	t := m.T()
	println(t[0][2], t[2][0], m.T() == t, t.T() == m)

	anon := struct {
		X, Y int
	}{3, 4}
	println(anon.X*anon.X + anon.Y*anon.Y)

	pts := [...]Inner{{1, "a"}, {2, "b"}, 5: {6, "f"}}
	println(len(pts), pts[5].B, pts[3].A)
	for i, p := range pts {
		if p.B != "" {
			print(i, p.B, " ")
		}
	}
	println()

	arr := [4]int{4, 3, 2, 1}
	for i := range arr {
		arr[i] *= 2
	}
	pa := &arr
	println(len(pa), pa[3], arr[0])
	for i, v := range pa {
		if i == 0 {
			pa[1] = 99
		}
		print(v, " ")
	}
	println()
	for i, v := range arr {
		if i == 0 {
			arr[1] = 55
		}
		print(v, " ")
	}
	println()

	var zero Outer
	println(zero.In.A, zero.In.B == "", zero.F)
	sp := &Outer{F: 2}
	sp.In.A = 5
	println(sp.In.A, sp.F)
	type E struct{}
	println(E{} == E{})
	var grid [2][3]string
	grid[1][2] = "z"
	println(grid[1][2], len(grid), len(grid[0]))
}
