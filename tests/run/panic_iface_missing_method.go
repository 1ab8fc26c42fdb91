package main

type Stringer interface{ String() string }

type T struct{ n int }

func main() {
	var e any = T{3}
	s := e.(Stringer)
	println(s.String())
}
