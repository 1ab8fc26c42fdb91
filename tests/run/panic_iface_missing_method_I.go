package main

type Reader interface{ Read() int }
type ReadCloser interface {
	Read() int
	Close()
}

type F struct{}

func (F) Read() int { return 1 }

func main() {
	var r Reader = F{}
	println(r.Read())
	rc := r.(ReadCloser)
	rc.Close()
}
