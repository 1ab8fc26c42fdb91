package p
var _ = (T){}
var _ = ([]int){1}
