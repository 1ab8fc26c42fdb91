package p
var a = "ÿ"
// ş
var Ã = 1
