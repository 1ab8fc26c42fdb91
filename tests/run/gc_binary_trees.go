// binary-trees (depth 16): many short-lived trees and one long-lived one;
// the collector must free the former and keep the latter intact.
package main

type Node struct{ left, right *Node }

func bottomUp(d int) *Node {
	if d <= 0 {
		return &Node{}
	}
	return &Node{bottomUp(d - 1), bottomUp(d - 1)}
}

func (n *Node) check() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

var global *Node

func main() {
	n := 16
	global = bottomUp(n + 1)
	println("stretch", global.check())
	global = nil
	long := bottomUp(n)
	for d := 4; d <= n; d += 2 {
		iters := 1 << uint(n-d+4)
		c := 0
		for i := 0; i < iters; i++ {
			c += bottomUp(d).check()
		}
		println(iters, d, c)
	}
	println("long lived", long.check())
}
