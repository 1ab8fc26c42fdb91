package p
type T