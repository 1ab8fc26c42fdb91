// Hello is the example program of the README: the first program rgo will
// build and run. Until the back end lands, `rgo check` and `rgo tool parse`
// read it.
package main

import (
	"fmt"
	"os"
	"strings"
)

type greeter struct {
	greeting string
	names    []string
}

func (g *greeter) greet() string {
	var b strings.Builder
	for i, n := range g.names {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s, %s!", g.greeting, n)
	}
	return b.String()
}

func main() {
	names := os.Args[1:]
	if len(names) == 0 {
		names = []string{"world"}
	}
	g := &greeter{greeting: "Hello", names: names}
	fmt.Println(g.greet())
}
