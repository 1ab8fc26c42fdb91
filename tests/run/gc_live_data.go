// The collector under load: about 4 GB allocated in total while a live
// set of about 50 MB (linked lists, maps, slices of pointers, strings,
// closures, interfaces, channels holding pointers, goroutines blocked
// holding the only reference to their data) must survive every
// collection intact.
package main

type node struct {
	next *node
	val  int
	pad  [2]int
}

type shape interface{ area() int }

type rect struct{ w, h int }

func (r *rect) area() int { return r.w * r.h }

type box struct {
	name  string
	items []*node
	m     map[int]*rect
	f     func() int
}

var (
	globalList *node
	globalMap  = map[string]*box{}
	globalIfs  []shape
)

func list(n, base int) *node {
	var h *node
	for i := n - 1; i >= 0; i-- {
		h = &node{next: h, val: base + i}
	}
	return h
}

func sumList(h *node) int {
	s := 0
	for ; h != nil; h = h.next {
		s += h.val
	}
	return s
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// garbage allocates about `mb` megabytes of short-lived objects of
// several shapes and returns a checksum so nothing is optimized away.
func garbage(mb int) int {
	c := 0
	for i := 0; i < mb*1024; i++ {
		switch i % 4 {
		case 0:
			c += len(make([]byte, 900))
		case 1:
			n := list(8, i)
			c += n.val & 1
		case 2:
			s := itoa(i) + "-" + itoa(i*7)
			c += len(s)
		case 3:
			p := &rect{i, 2}
			var sh shape = p
			c += sh.area() & 1
		}
	}
	return c
}

func waiter(ch chan *node, out chan int) {
	// The only reference to this list is on this goroutine's stack.
	mine := list(1000, 7)
	n := <-ch
	out <- sumList(mine) + sumList(n)
}

func main() {
	globalList = list(200000, 0) // ~6.4 MB
	want := sumList(globalList)

	// A map of boxes, each with a slice of pointers, an inner map,
	// a closure and a string.
	for i := 0; i < 2000; i++ {
		b := &box{name: "box" + itoa(i), m: map[int]*rect{}}
		for j := 0; j < 50; j++ {
			b.items = append(b.items, &node{val: i*100 + j})
		}
		for j := 0; j < 20; j++ {
			b.m[j] = &rect{i, j}
		}
		k := i
		b.f = func() int { return k * 3 }
		globalMap[b.name] = b
	}
	for i := 0; i < 10000; i++ {
		globalIfs = append(globalIfs, &rect{i, 3})
	}
	// Big pointer slices (large objects with a type).
	big := make([]*node, 300000)
	for i := range big {
		big[i] = &node{val: i}
	}
	// Channels holding pointers in their buffers.
	bufch := make(chan *node, 1000)
	for i := 0; i < 1000; i++ {
		bufch <- list(10, i)
	}
	// Goroutines blocked holding their data.
	out := make(chan int)
	var chans []chan *node
	for i := 0; i < 50; i++ {
		ch := make(chan *node)
		chans = append(chans, ch)
		go waiter(ch, out)
	}
	local := list(100000, 5)

	check := 0
	for round := 0; round < 130; round++ {
		check += garbage(100)
	}

	ok := true
	if sumList(globalList) != want {
		println("global list corrupted")
		ok = false
	}
	if sumList(local) != 100000*5+100000*99999/2 {
		println("local list corrupted")
		ok = false
	}
	for i := 0; i < 2000; i++ {
		b := globalMap["box"+itoa(i)]
		if b == nil || b.name != "box"+itoa(i) || len(b.items) != 50 || len(b.m) != 20 || b.f() != i*3 {
			println("box corrupted", i)
			ok = false
			break
		}
		for j, it := range b.items {
			if it.val != i*100+j {
				println("item corrupted", i, j)
				ok = false
			}
		}
		for j := 0; j < 20; j++ {
			if b.m[j].area() != i*j {
				println("rect corrupted", i, j)
				ok = false
			}
		}
	}
	for i, s := range globalIfs {
		if s.area() != i*3 {
			println("interface corrupted", i)
			ok = false
			break
		}
	}
	for i, p := range big {
		if p.val != i {
			println("big slice corrupted", i)
			ok = false
			break
		}
	}
	for i := 0; i < 1000; i++ {
		n := <-bufch
		if sumList(n) != 10*i+45 {
			println("channel buffer corrupted", i)
			ok = false
			break
		}
	}
	total := 0
	for _, ch := range chans {
		ch <- list(10, 1)
		total += <-out
	}
	if total != 50*(1000*7+999*1000/2+10+45) {
		println("blocked goroutines' data corrupted", total)
		ok = false
	}
	println("checksum", check)
	println("ok", ok)
}
