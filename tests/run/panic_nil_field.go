package main

type T struct {
	a, b int
	next *T
}

func (t *T) sum() int { return t.a + t.b }

func main() {
	t := &T{a: 1, b: 2}
	println(t.sum())
	println(t.next.sum())
}
