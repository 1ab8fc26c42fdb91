package p
func f() {}
import "fmt"
