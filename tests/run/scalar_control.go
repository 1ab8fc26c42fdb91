package main

func classify(n int) int {
	switch {
	case n < 0:
		return -1
	case n == 0:
		return 0
	case n < 10:
		return 1
	}
	return 2
}

func grade(n int) int {
	switch n / 10 {
	case 10, 9:
		return 4
	case 8:
		return 3
	case 7:
		return 2
	case 6:
		return 1
	default:
		return 0
	}
}

func main() {
	println(classify(-5), classify(0), classify(7), classify(100))
	t := 0
	for i := 0; i <= 100; i += 5 {
		t += grade(i)
	}
	println(t)
	i := 0
	for {
		i++
		if i%2 == 0 {
			continue
		}
		if i > 15 {
			break
		}
	}
	println(i)
	n := 0
outer:
	for a := 0; a < 10; a++ {
		for b := 0; b < 10; b++ {
			if b > a {
				continue outer
			}
			if a+b > 12 {
				break outer
			}
			n++
		}
	}
	println(n)
	x := 3
	switch x {
	case 3:
		println("three")
	case 4:
		println("four")
	}
	b := true
	if !b || x > 2 && x < 4 {
		println("and/or")
	}
}
