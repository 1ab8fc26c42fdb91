package main

type E struct{}

func (E) Error() string { return "value error" }

func main() {
	panic(E{})
}
