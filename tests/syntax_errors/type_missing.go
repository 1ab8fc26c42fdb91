package p
type T
type U = 
