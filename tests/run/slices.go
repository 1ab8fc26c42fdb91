package main

func show(s []int) {
	print(len(s), " ", cap(s), ":")
	for _, v := range s {
		print(" ", v)
	}
	println()
}

func main() {
	var s []int
	for i := 0; i < 20; i++ {
		s = append(s, i)
		print(cap(s), " ")
	}
	println()
	var bs []byte
	for i := 0; i < 40; i++ {
		bs = append(bs, byte(i))
		print(cap(bs), " ")
	}
	println()
	type big struct{ a, b, c, d, e int }
	var bg []big
	for i := 0; i < 10; i++ {
		bg = append(bg, big{a: i})
		print(cap(bg), " ")
	}
	println()

	a := []int{1, 2, 3, 4, 5}
	b := a[1:3]
	show(b)
	b = append(b, 100)
	show(a)
	c := a[1:3:3]
	c = append(c, 200)
	show(a)
	show(c)

	d := make([]int, 3, 10)
	n := copy(d, a)
	println(n)
	show(d)
	n = copy(a, a[2:])
	show(a)

	e := append([]int(nil), a...)
	e = append(e, e...)
	show(e)

	grid := make([][]int, 3)
	for i := range grid {
		grid[i] = make([]int, i+1)
		for j := range grid[i] {
			grid[i][j] = i * j
		}
	}
	println(len(grid[2]), grid[2][2])

	str := []string{"x", "y"}
	str = append(str, "z")
	println(len(str), str[2])

	bs2 := append([]byte("hello "), "world"...)
	println(string(bs2))

	arr := [5]int{1, 2, 3, 4, 5}
	sl := arr[:]
	sl[0] = 9
	println(arr[0], len(arr[2:]), cap(arr[2:4]))
	ap := (*[2]int)(sl)
	println(ap[1])
	av := [3]int(sl[2:])
	println(av[0], av[2])

	s = s[:0]
	println(len(s), cap(s))
	s = s[:20]
	println(len(s), cap(s))
	s = append(s[:5], s[10:]...)
	println(len(s))
}
