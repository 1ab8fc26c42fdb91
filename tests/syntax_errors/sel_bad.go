package p
var _ = x.1
var _ = x.(1)
