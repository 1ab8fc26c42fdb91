package p
func () {}
func (r T) {}
