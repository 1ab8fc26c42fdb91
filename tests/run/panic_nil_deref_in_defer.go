package main

func main() {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			println("recovered:", e.Error())
		}
		var q *[2]int
		println(q[1])
	}()
	var p *struct{ x, y int }
	p.y = 1
}
