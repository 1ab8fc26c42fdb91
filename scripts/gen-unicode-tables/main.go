// Command gen-unicode-tables prints the Unicode range tables of
// crates/syntax/src/unicode_tables.rs (see run beside it).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"
)

func ranges(name, doc string, f func(r rune) bool) {
	var out []string
	start := rune(-1)
	for r := rune(0x80); r <= unicode.MaxRune+1; r++ {
		in := r <= unicode.MaxRune && f(r)
		if in && start < 0 {
			start = r
		} else if !in && start >= 0 {
			out = append(out, fmt.Sprintf("0x%x", start), fmt.Sprintf("0x%x", r-1))
			start = -1
		}
	}
	fmt.Fprintf(os.Stderr, "%s: %d ranges\n", name, len(out)/2)
	fmt.Printf("%s\npub(crate) static %s: [u32; %d] = [\n", doc, name, len(out))
	for i := 0; i < len(out); i += 10 {
		j := i + 10
		if j > len(out) {
			j = len(out)
		}
		fmt.Printf("    %s,\n", strings.Join(out[i:j], ", "))
	}
	fmt.Printf("];\n\n")
}

func main() {
	v := unicode.Version
	ranges("LETTERS", "/// Non-ASCII letters (Unicode "+v+" category L, Go's `unicode.IsLetter`), as\n/// sorted inclusive `lo, hi` pairs.", unicode.IsLetter)
	ranges("DIGITS", "/// Non-ASCII decimal digits (category Nd, Go's `unicode.IsDigit`).", unicode.IsDigit)
	ranges("NOT_PRINT", "/// Non-ASCII code points that Go's `strconv.IsPrint` rejects (used only to\n/// word error messages as gc does).", func(r rune) bool { return !strconv.IsPrint(r) })
}
