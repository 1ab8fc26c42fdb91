package main

func main() {
	defer func() {
		r := recover()
		panic(r.(string) + " then second")
	}()
	panic("first")
}
