package main

type T struct{ a, b int }

func main() {
	defer func() {
		r := recover()
		_, ok := r.(*T)
		println("recovered a *T:", ok)
		panic([]int{1, 2})
	}()
	panic(&T{1, 2})
}
