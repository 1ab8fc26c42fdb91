package p
type T[P] struct{}
type U[P any, Q] struct{}
func f[]() {}
func g[P any, Q]() {}
