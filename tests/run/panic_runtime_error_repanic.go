package main

func main() {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			println("caught:", e.Error())
		}
		panic(r)
	}()
	var s []int
	i := 3
	s[i] = 1
}
