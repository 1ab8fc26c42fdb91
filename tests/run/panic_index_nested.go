package main

type grid [][]int

func (g grid) cell(r, c int) int {
	return g[r][c]
}

func h(g grid) int { return g.cell(1, 7) }

func main() {
	g := grid{{1, 2}, {3, 4}}
	println(g.cell(1, 1))
	println(h(g))
}
