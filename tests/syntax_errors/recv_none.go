package p
func () m() {}
func (a, b T) m() {}
