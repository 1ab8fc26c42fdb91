package main

type T struct{ x int }

func (t T) Get() int { return t.x }

type Getter interface{ Get() int }

//go:noinline
func getter(p *T) Getter { return p }

func main() {
	g := getter(&T{5})
	println(g.Get())
	g = getter(nil)
	println(g.Get())
}
