package p
var a = 1 @ 2
var b# = 2
var c = 1 \ 2
