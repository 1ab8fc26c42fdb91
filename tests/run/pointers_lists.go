package main

type Node struct {
	Val         int
	Left, Right *Node
}

func (n *Node) Insert(v int) *Node {
	if n == nil {
		return &Node{Val: v}
	}
	if v < n.Val {
		n.Left = n.Left.Insert(v)
	} else {
		n.Right = n.Right.Insert(v)
	}
	return n
}

func (n *Node) Walk(f func(int)) {
	if n == nil {
		return
	}
	n.Left.Walk(f)
	f(n.Val)
	n.Right.Walk(f)
}

func (n *Node) Height() int {
	if n == nil {
		return 0
	}
	return 1 + max(n.Left.Height(), n.Right.Height())
}

type List struct {
	head *elem
	n    int
}

type elem struct {
	v    string
	next *elem
}

func (l *List) Push(v string) {
	l.head = &elem{v, l.head}
	l.n++
}

func incr(p *int) { *p++ }

func main() {
	var root *Node
	for _, v := range []int{50, 30, 70, 20, 40, 60, 80, 35} {
		root = root.Insert(v)
	}
	root.Walk(func(v int) { print(v, " ") })
	println()
	println(root.Height())

	var l List
	for _, s := range []string{"a", "b", "c"} {
		l.Push(s)
	}
	for e := l.head; e != nil; e = e.next {
		print(e.v)
	}
	println(l.n)

	x := 1
	incr(&x)
	incr(&x)
	println(x)
	pp := &x
	ppp := &pp
	**ppp = 10
	println(x, *pp == x, pp == &x)
	type S struct{ a, b int }
	s := S{1, 2}
	pb := &s.b
	*pb = 20
	println(s.b)
	arr := [3]int{}
	pe := &arr[1]
	*pe = 5
	println(arr[1])
}
