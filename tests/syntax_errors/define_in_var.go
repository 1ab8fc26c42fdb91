package p
var x := 1
const c := 2
