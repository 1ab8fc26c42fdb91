package p
var a = '\x4'
var b = '\xZZ'
var c = 'abc
