package main

func main() {
	defer func() {
		r := recover()
		println(r != nil)
		if e, ok := r.(error); ok {
			println(e.Error())
		}
	}()
	panic(nil)
}
