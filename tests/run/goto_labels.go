package main

func main() {
	i := 0
loop:
	if i < 5 {
		print(i, " ")
		i++
		goto loop
	}
	println()

outer:
	for a := 0; a < 4; a++ {
		for b := 0; b < 4; b++ {
			if b == 2 {
				continue outer
			}
			if a == 3 {
				break outer
			}
			print(a, b, " ")
		}
	}
	println()

	n := 0
search:
	for {
		switch {
		case n > 10:
			break search
		case n%3 == 0:
			n += 2
			continue search
		default:
			n++
		}
	}
	println(n)

	x := 0
	switch x {
	case 0:
		println("zero")
		fallthrough
	case 1:
		println("one")
	case 2:
		println("two")
	default:
		println("default")
	}

	j := 0
	goto skip
skip:
	j++
	println(j)
}
