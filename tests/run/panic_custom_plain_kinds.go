package main

func main() {
	defer func() { panic(int64(-9)) }()
	defer func() { panic(uintptr(16)) }()
	defer func() { panic(complex64(1i)) }()
	defer func() { panic(-2.5) }()
	defer func() { panic(uint8(7)) }()
	panic(true)
}
