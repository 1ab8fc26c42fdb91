package main

func main() {
	println(min(3, 1, 2), max(3, 1, 2), min(2.5, 1.5), max("a", "b", "ab"))
	println(min(0.0, -0.0), max(-1, 0))
	s := make([]int, 2, 5)
	println(len(s), cap(s))
	s = append(s, 1, 2, 3, 4)
	println(len(s), cap(s) >= 6)
	p := new(int)
	*p = 42
	println(*p)
	ps := new([]string)
	*ps = append(*ps, "x")
	println(len(*ps))
	m := make(map[string]int, 100)
	m["a"] = 1
	clear(m)
	println(len(m))
	arr := []int{1, 2, 3}
	clear(arr)
	println(arr[0], arr[1], arr[2], len(arr))
	buf := make([]byte, 3)
	n := copy(buf, "hello")
	println(n, string(buf))
	c := complex(3, 4)
	println(real(c)*real(c)+imag(c)*imag(c), len("héllo"), cap([4]int{}))
	var a [5]int
	println(len(a), cap(a[:2]), len(a[1:3]))
}
