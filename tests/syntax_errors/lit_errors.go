package p
var a = 0b102
var b = 0x
var c = 1_
var d = 0x1p
var e = 09
var f = 1e+
var g = 0x1.0
