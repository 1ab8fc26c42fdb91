package main

type MyInt int
type Celsius float64

func main() {
	var e any = MyInt(4)
	_ = e.(MyInt)
	var f any = Celsius(1.5)
	_ = f.(float64)
}
