package main

func First[T any](s []T) T {
	return s[0]
}

func main() {
	println(First([]int{7}))
	println(First([]string{}))
}
