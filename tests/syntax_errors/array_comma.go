package p
type A [2, 3]int
