package main

func main() {
	m := map[interface{}]bool{}
	k := map[int]int{}
	println(m[k])
}
