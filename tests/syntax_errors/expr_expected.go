package p
var x = ]
var y = 1 + }
