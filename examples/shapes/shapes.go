// Shapes is the example program `rgo run` builds and runs today: no
// imports yet (the standard library is the next step), so it prints with
// the println built-in. It uses interfaces, methods, generics, maps,
// closures, defer/recover and range over a function.
package main

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }
func (r Rect) Name() string   { return "rect" }

type Circle struct{ R float64 }

func (c Circle) Area() float64 { return 3.141592653589793 * c.R * c.R }
func (c Circle) Name() string   { return "circle" }

// Sum adds up any numbers.
func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// All yields the shapes one by one.
func All(shapes []Shape) func(yield func(int, Shape) bool) {
	return func(yield func(int, Shape) bool) {
		for i, s := range shapes {
			if !yield(i, s) {
				return
			}
		}
	}
}

func safeDiv(a, b int) (q int, err string) {
	defer func() {
		if r := recover(); r != nil {
			err = "recovered: " + r.(error).Error()
		}
	}()
	return a / b, ""
}

func main() {
	shapes := []Shape{Rect{3, 4}, Circle{1}, Rect{2, 2.5}}
	count := map[string]int{}
	var areas []float64
	for i, s := range All(shapes) {
		count[s.Name()]++
		areas = append(areas, s.Area())
		println(i, s.Name(), s.Area())
	}
	println("rects:", count["rect"], "circles:", count["circle"])
	println("total area:", Sum(areas), "sum of ints:", Sum([]int{1, 2, 3}))
	next := counter()
	next()
	println("counter:", next())
	println(safeDiv(7, 2))
	println(safeDiv(1, 0))
}

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}
