package p
var a = "abc
var b = 'ab'
var c = ''
var d = "\q"
var e = "\400"
var f = "\uD800"
var g = `raw
