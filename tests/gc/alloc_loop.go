// An allocation loop for the collector's memory bound: it allocates
// totalMB megabytes in lists of small objects while keeping a live set of
// about 50 MB (400 lists of 128 KiB), replacing one list per step and
// checking the lists' contents as it goes. Peak RSS should stay near
// twice the live set (GOGC=100), however much is allocated in total.
// crates/rgo/tests/gc_rss.rs runs it with totalMB = 2048;
// scripts/gcbench with 20480.
package main

const totalMB = 2048

const (
	slots    = 400
	perList  = 1000 // nodes of 128 bytes: 128 KB a list
	listKB   = 128
	stepsPer = 1024 / listKB
)

type node struct {
	next *node
	data [15]int
}

func build(slot, gen int) *node {
	var h *node
	for i := 0; i < perList; i++ {
		n := &node{next: h}
		n.data[0] = slot
		n.data[1] = gen
		n.data[14] = i
		h = n
	}
	return h
}

func valid(h *node, slot, gen int) bool {
	c := perList - 1
	for ; h != nil; h = h.next {
		if h.data[0] != slot || h.data[1] != gen || h.data[14] != c {
			return false
		}
		c--
	}
	return c == -1
}

func main() {
	var live [slots]*node
	var gens [slots]int
	for i := range live {
		live[i] = build(i, 0)
	}
	seed := uint32(12345)
	steps := totalMB * stepsPer
	for s := 0; s < steps; s++ {
		seed = seed*1664525 + 1013904223
		i := int(seed>>8) % slots
		if !valid(live[i], i, gens[i]) {
			println("corrupted slot", i, "at step", s)
			return
		}
		gens[i]++
		live[i] = build(i, gens[i])
	}
	for i := range live {
		if !valid(live[i], i, gens[i]) {
			println("corrupted slot", i, "at the end")
			return
		}
	}
	println("ok")
}
