package p
type S struct {
	*(T)
	(U)
	1
}
