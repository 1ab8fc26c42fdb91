package main

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Named interface {
	Shape
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64       { return r.W * r.H }
func (r Rect) Perimeter() float64  { return 2 * (r.W + r.H) }
func (r Rect) Name() string        { return "rect" }
func (c *Circle) Area() float64     { return 3 * c.R * c.R }
func (c *Circle) Perimeter() float64 { return 6 * c.R }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return "int"
	case string:
		return "string " + x
	case Named:
		return "named " + x.Name()
	case Shape:
		return "shape"
	case error:
		return "error " + x.Error()
	default:
		return "other"
	}
}

type E struct{ msg string }

func (e *E) Error() string { return e.msg }

func mayFail(fail bool) error {
	var e *E
	if fail {
		e = &E{"boom"}
		return e
	}
	return nil
}

func main() {
	shapes := []Shape{Rect{2, 3}, &Circle{1}}
	total := 0.0
	for _, s := range shapes {
		total += s.Area() + s.Perimeter()
	}
	println(total)
	println(describe(nil), describe(1), describe("s"), describe(Rect{}), describe(&Circle{}), describe(mayFail(true)), describe(1.5))

	var s Shape = Rect{1, 1}
	if n, ok := s.(Named); ok {
		println("is named:", n.Name())
	}
	if _, ok := s.(*Circle); !ok {
		println("not a circle")
	}
	var a, b any = 1, 1
	println(a == b, a != any(2), any("x") == any("x"), any(Rect{1, 2}) == any(Rect{1, 2}))
	println(mayFail(false) == nil)
	var e *E
	var err error = e
	println(err == nil, e == nil)
	var sh1, sh2 Shape = &Circle{2}, &Circle{2}
	println(sh1 == sh2, sh1 == sh1)
}
