// Stack walks and the function table: Caller, Callers, FuncForPC,
// CallersFrames, Stack.

package runtime

import "unsafe"

// Caller tells where the frame skip levels up the calling goroutine's
// stack is (0: the function calling Caller): its pc, source file and
// line; ok is false when there is no such frame.
func Caller(skip int) (pc uintptr, file string, line int, ok bool) {
	rpc := make([]uintptr, 1)
	n := callers(skip+1, rpc)
	if n < 1 {
		return
	}
	frame, _ := CallersFrames(rpc).Next()
	return frame.PC, frame.File, frame.Line, frame.PC != 0
}

// Callers stores the return addresses of the calling goroutine's frames
// in pc, after skipping skip of them (0: Callers' own frame, 1: its
// caller), and returns how many it stored.
func Callers(skip int, pc []uintptr) int {
	if len(pc) == 0 {
		return 0
	}
	return callers(skip, pc)
}

// callers writes the return addresses of the frames above its caller's
// frame into pc, skipping skip of them (0: the caller itself), and
// returns how many it wrote.
func callers(skip int, pc []uintptr) int

// Func represents a function in the running binary: a pointer to its
// entry in the function table.
type Func struct {
	opaque struct{} // unexported field to disallow conversions
}

// FuncForPC is the function whose code holds pc, or nil.
func FuncForPC(pc uintptr) *Func {
	return (*Func)(findfunc(pc))
}

// findfunc returns the function table entry containing pc, or nil.
func findfunc(pc uintptr) unsafe.Pointer

// funcname, funcfile and funcline read a function table entry.
func funcname(f *Func) string
func funcfile(f *Func) string
func funcline(f *Func, pc uintptr) int

// Name is the function's link name ("" for a nil f).
func (f *Func) Name() string {
	if f == nil {
		return ""
	}
	return funcname(f)
}

// Entry is the address of the function's first instruction.
func (f *Func) Entry() uintptr {
	// The table entry starts with the entry address (a nil f faults
	// here, as gc's does).
	return *(*uintptr)(unsafe.Pointer(f))
}

// FileLine is the source position of pc, an address inside f.
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	_ = *(*uintptr)(unsafe.Pointer(f)) // a nil f faults, as gc's does
	return funcfile(f), funcline(f, pc)
}

// Frames walks the frames of a slice of return addresses (from
// Callers), one Frame a call of Next.
type Frames struct {
	callers    []uintptr // not yet returned
	nextPC     uintptr
	frames     []Frame
	frameStore [2]Frame
}

// Frame describes one call frame. Its fields are gc's, in gc's order.
type Frame struct {
	PC        uintptr // the call instruction's address (or one inside it)
	Func      *Func   // nil when the function is not known
	Function  string  // the function's link name (Func.Name())
	File      string  // the source file of the call
	Line      int     // and its line
	startLine int
	Entry     uintptr // the function's entry address
	// gc's funcInfo: here the function table entry.
	funcInfo struct {
		_func unsafe.Pointer
		datap unsafe.Pointer
	}
}

// CallersFrames walks the return addresses Callers stored (the slice
// must not change meanwhile).
func CallersFrames(callers []uintptr) *Frames {
	return &Frames{callers: callers}
}

// Next is the next frame, and whether more addresses remain.
func (ci *Frames) Next() (frame Frame, more bool) {
	for len(ci.callers) > 0 {
		pc := ci.callers[0]
		ci.callers = ci.callers[1:]
		// A return address: the call is the instruction before it.
		f := FuncForPC(pc - 1)
		if f == nil {
			continue
		}
		frame.PC = pc - 1
		frame.Func = f
		frame.Function = f.Name()
		frame.File, frame.Line = f.FileLine(pc - 1)
		frame.Entry = f.Entry()
		frame.funcInfo._func = unsafe.Pointer(f)
		break
	}
	return frame, len(ci.callers) > 0
}

// Stack writes the calling goroutine's traceback, as a panic prints it,
// into buf (then the other goroutines' when all is set), cut at
// len(buf), and returns the bytes written.
func Stack(buf []byte, all bool) int {
	if len(buf) == 0 {
		return 0
	}
	return stack(buf, all)
}

// stack writes the traceback of its caller's goroutine (and of every
// other goroutine when all is set) into buf, truncated to its length.
func stack(buf []byte, all bool) int
