package main

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(k int)      { p.X *= k; p.Y *= k }
func (p Point) String() string    { return "(" + itoa(p.X) + "," + itoa(p.Y) + ")" }

type Named struct {
	Point
	Name string
}

type Celsius float64

func (c Celsius) F() float64 { return float64(c)*9/5 + 32 }

type List []int

func (l List) Sum() (s int) {
	for _, v := range l {
		s += v
	}
	return
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

func main() {
	p := Point{1, 2}
	q := p.Add(Point{3, 4})
	println(q.String())
	q.Scale(3)
	println(q.String())
	pp := &q
	pp.Scale(-1)
	println(pp.String(), pp.Add(p).X)

	n := Named{Point{5, 6}, "n"}
	n.Scale(2)
	println(n.Name, n.String(), n.X)

	f := p.Add
	g := (*Point).Scale
	h := Point.String
	g(&p, 10)
	println(f(Point{1, 1}).String(), h(p))

	println(Celsius(100).F(), List{1, 2, 3}.Sum())
}
