// Hello uses the standard library: `rgo check` reads it today; `rgo run`
// will once compiled programs can import std.
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
