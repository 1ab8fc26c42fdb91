package main

type Acc struct{ vals []int }

func (a *Acc) At(i int) int { return a.vals[i] }

func apply(f func(int) int, i int) int { return f(i) }

func main() {
	a := &Acc{vals: []int{10, 20}}
	f := a.At
	println(apply(f, 1))
	println(apply(f, 2))
}
