// recover in a deferred function that has defers of its own (its body
// runs under runtime.withdefers) stops the panic.

package main

func cleanup() { println("cleanup") }

func f() (err string) {
	defer func() {
		defer cleanup()
		if r := recover(); r != nil {
			err = r.(string)
		}
	}()
	panic("boom")
}

func g() {
	defer func() {
		defer cleanup()
		v := recover()
		println("recovered", v.(int))
		defer func() {
			println("inner recover nil:", recover() == nil)
		}()
	}()
	panic(7)
}

func main() {
	println(f())
	g()
	println("done")
}
