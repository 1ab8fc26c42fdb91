// The run-time error types.

package runtime

// Error is the interface of run-time errors: the values the runtime
// panics with (index out of range, nil dereference, failed type
// assertions, ...). RuntimeError does nothing; having it marks the type.
type Error interface {
	error
	RuntimeError()
}

// _type is an abi.Type descriptor; the runtime reads it.
type _type struct{}

// A TypeAssertionError explains a failed type assertion.
type TypeAssertionError struct {
	_interface    *_type
	concrete      *_type
	asserted      *_type
	missingMethod string // a method asserted needs and concrete lacks
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string {
	return typeAssertionErrorString(e)
}

// typeAssertionErrorString formats e as gc does.
func typeAssertionErrorString(e *TypeAssertionError) string

// A PanicNilError happens when code calls panic(nil).
type PanicNilError struct {
	// Makes the type unlike any other struct (gc's layout).
	_ [0]*PanicNilError
}

func (*PanicNilError) Error() string { return "runtime error: panic called with nil argument" }
func (*PanicNilError) RuntimeError() {}

// registerErrorTypes hands the runtime the descriptors of the exported
// error types, so the values it panics with have the program's types.
func registerErrorTypes(tae any, pne any)

func init() {
	registerErrorTypes((*TypeAssertionError)(nil), (*PanicNilError)(nil))
}
