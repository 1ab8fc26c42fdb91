package main

type Stringer interface{ String() string }

func main() {
	var e any
	s := e.(Stringer)
	println(s.String())
}
