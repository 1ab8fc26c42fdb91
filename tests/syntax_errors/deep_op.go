package p
var _ = 1 + + + 
