package p
/* never closed
