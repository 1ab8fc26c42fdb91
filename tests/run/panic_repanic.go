package main

func main() {
	defer func() {
		r := recover()
		println("recovered, panicking again")
		panic(r)
	}()
	panic("first")
}
