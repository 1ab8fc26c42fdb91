// `var a, b T = f()` converts each result to the variables' type
// (here interfaces), locally and at package level.

package main

func g(x []int) ([]int, []int) { return x, x }

func two() (int, string) { return 1, "a" }

var gh, gi interface{} = two()

func main() {
	s := []int{1, 2}
	var h, _ interface{} = g(s)
	println(h.([]int)[1])
	var a, b interface{} = two()
	println(a.(int), b.(string))
	println(gh.(int), gi.(string))
	var c, d any
	c, d = two()
	println(c.(int), d.(string))
}
