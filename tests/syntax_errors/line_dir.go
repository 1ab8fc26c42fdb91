package p
//line foo.go:100
var x = 
//line :0
var y = ]
