package main

type MyErr struct{ code int }

func (e *MyErr) Error() string { return "my error" }

func main() {
	var err error = &MyErr{7}
	panic(err)
}
