package main

type Shape interface {
	Area() int
	Name() string
}

type Rect struct{ w, h int }

func (r Rect) Area() int     { return r.w * r.h }
func (r Rect) Name() string  { return "rect" }

type Sq struct{ s int }

func (q *Sq) Area() int    { return q.s * q.s }
func (q *Sq) Name() string { return "sq" }

type MyErr struct{ msg string }

func (e *MyErr) Error() string { return e.msg }

func find(ok bool) error {
	if ok {
		return nil
	}
	return &MyErr{"bad"}
}

func main() {
	m := map[string]int{"a": 1, "b": 2}
	m["c"] = 3
	println(len(m), m["a"], m["z"])
	v, ok := m["b"]
	println(v, ok)
	delete(m, "a")
	sum := 0
	for k, v := range m {
		sum += v
		_ = k
	}
	println(sum, len(m))
	shapes := []Shape{Rect{2, 3}, &Sq{4}}
	for _, s := range shapes {
		println(s.Name(), s.Area())
	}
	var x any = 42
	if i, ok := x.(int); ok {
		println("int", i)
	}
	switch t := x.(type) {
	case string:
		println("string", t)
	case int:
		println("int!", t+1)
	}
	err := find(false)
	if err != nil {
		println(err.Error())
	}
	println(find(true) == nil)
	var a, b any = "x", "x"
	println(a == b)
	mm := map[int][]int{}
	mm[1] = append(mm[1], 5)
	println(len(mm[1]))
}
