package main

import "runtime"

func where() {
	pc, file, line, ok := runtime.Caller(0)
	f := runtime.FuncForPC(pc)
	println(f.Name(), base(file), line, ok)
	pc, file, line, ok = runtime.Caller(1)
	println(runtime.FuncForPC(pc).Name(), base(file), line, ok)
	_, _, _, ok = runtime.Caller(100)
	println(ok)
}

func base(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return s[i+1:]
		}
	}
	return s
}

type T struct{}

func (T) m() { where() }

//go:noinline
func G[X any]() {
	pcs := make([]uintptr, 10)
	n := runtime.Callers(1, pcs)
	fr := runtime.CallersFrames(pcs[:n])
	for i := 0; i < 2; i++ {
		f, _ := fr.Next()
		println(f.Function, base(f.File), f.Line, f.Func.Name() == f.Function, f.Entry == f.Func.Entry())
	}
}

func main() {
	where()
	T{}.m()
	func() { where() }()
	G[int]()
	G[string]()
	pcs := make([]uintptr, 1)
	println(runtime.Callers(0, pcs), runtime.FuncForPC(pcs[0]).Name())
	println(runtime.Callers(0, nil))
	println(runtime.FuncForPC(0) == nil)
	var nf *runtime.Func
	println(nf.Name() == "")
	file, line := runtime.FuncForPC(pcs[0]).FileLine(pcs[0])
	println(file != "", line > 0)
}

func init() {
	defer func() {
		println(recover() != nil)
	}()
	var nf *runtime.Func
	println(nf.Entry())
}
