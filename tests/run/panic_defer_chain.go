package main

func main() {
	defer println("deferred 1")
	defer func() {
		println("deferred 2")
	}()
	defer func() {
		panic("third")
	}()
	panic("first")
}
