package main

func main() {
	defer func() {
		panic("in defer")
	}()
	panic("original")
}
