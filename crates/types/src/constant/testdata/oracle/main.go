// Oracle: evaluates RPN scripts of go/constant operations, one per line.
package main

import (
	"encoding/hex"
	"bufio"
	"fmt"
	"go/constant"
	"go/token"
	"math"
	"os"
	"strconv"
	"strings"
)

func lit(tok token.Token, s string) constant.Value { return constant.MakeFromLiteral(s, tok, 0) }

var binops = map[string]token.Token{"+": token.ADD, "-": token.SUB, "*": token.MUL, "/": token.QUO, "//": token.QUO_ASSIGN, "%": token.REM, "&": token.AND, "|": token.OR, "^": token.XOR, "&^": token.AND_NOT, "&&": token.LAND, "||": token.LOR}
var cmpops = map[string]token.Token{"==": token.EQL, "!=": token.NEQ, "<": token.LSS, "<=": token.LEQ, ">": token.GTR, ">=": token.GEQ}

func show(v constant.Value) string {
	return fmt.Sprintf("%s|%s|%s", v.Kind(), v.String(), v.ExactString())
}

func run(line string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = "panic"
		}
	}()
	var st []constant.Value
	pop := func() constant.Value { v := st[len(st)-1]; st = st[:len(st)-1]; return v }
	for _, t := range strings.Fields(line) {
		switch {
		case strings.HasPrefix(t, "I:"):
			st = append(st, lit(token.INT, t[2:]))
		case strings.HasPrefix(t, "F:"):
			st = append(st, lit(token.FLOAT, t[2:]))
		case strings.HasPrefix(t, "C:"):
			st = append(st, lit(token.IMAG, t[2:]))
		case strings.HasPrefix(t, "R:"):
			st = append(st, lit(token.CHAR, t[2:]))
		case strings.HasPrefix(t, "SX:"):
			b, _ := hex.DecodeString(t[3:])
			st = append(st, lit(token.STRING, string(b)))
		case strings.HasPrefix(t, "S:"):
			st = append(st, lit(token.STRING, t[2:]))
		case strings.HasPrefix(t, "B:"):
			st = append(st, constant.MakeBool(t[2:] == "true"))
		case strings.HasPrefix(t, "i64:"):
			n, _ := strconv.ParseInt(t[4:], 10, 64)
			st = append(st, constant.MakeInt64(n))
		case strings.HasPrefix(t, "u64:"):
			n, _ := strconv.ParseUint(t[4:], 10, 64)
			st = append(st, constant.MakeUint64(n))
		case strings.HasPrefix(t, "f64:"):
			n, _ := strconv.ParseUint(t[4:], 16, 64)
			st = append(st, constant.MakeFloat64(math.Float64frombits(n)))
		case binops[t] != 0:
			y := pop()
			x := pop()
			st = append(st, constant.BinaryOp(x, binops[t], y))
		case cmpops[t] != 0:
			y := pop()
			x := pop()
			return fmt.Sprint(constant.Compare(x, cmpops[t], y))
		case strings.HasPrefix(t, "<<") || strings.HasPrefix(t, ">>"):
			n, _ := strconv.Atoi(t[2:])
			op := token.SHL
			if t[0] == '>' {
				op = token.SHR
			}
			st = append(st, constant.Shift(pop(), op, uint(n)))
		case t == "neg":
			st = append(st, constant.UnaryOp(token.SUB, pop(), 0))
		case t == "pos":
			st = append(st, constant.UnaryOp(token.ADD, pop(), 0))
		case t == "lnot":
			st = append(st, constant.UnaryOp(token.NOT, pop(), 0))
		case strings.HasPrefix(t, "not@"):
			n, _ := strconv.Atoi(t[4:])
			st = append(st, constant.UnaryOp(token.XOR, pop(), uint(n)))
		case t == "toint":
			st = append(st, constant.ToInt(pop()))
		case t == "tofloat":
			st = append(st, constant.ToFloat(pop()))
		case t == "tocomplex":
			st = append(st, constant.ToComplex(pop()))
		case t == "real":
			st = append(st, constant.Real(pop()))
		case t == "imag":
			st = append(st, constant.Imag(pop()))
		case t == "mkimag":
			st = append(st, constant.MakeImag(pop()))
		case t == "num":
			st = append(st, constant.Num(pop()))
		case t == "denom":
			st = append(st, constant.Denom(pop()))
		case t == "f64val":
			f, e := constant.Float64Val(pop())
			return fmt.Sprintf("%016x %v", math.Float64bits(f), e)
		case t == "f32val":
			f, e := constant.Float32Val(pop())
			return fmt.Sprintf("%08x %v", math.Float32bits(f), e)
		case t == "i64val":
			n, e := constant.Int64Val(pop())
			if !e {
				return "none"
			}
			return fmt.Sprint(n)
		case t == "u64val":
			n, e := constant.Uint64Val(pop())
			if !e {
				return "none"
			}
			return fmt.Sprint(n)
		case t == "sign":
			return fmt.Sprint(constant.Sign(pop()))
		case t == "bitlen":
			return fmt.Sprint(constant.BitLen(pop()))
		case t == "strlen":
			return fmt.Sprint(constant.StringLen(pop()))
		case strings.HasPrefix(t, "repr:"):
			x := pop()
			r := x
			if !representableConst(x, t[5:], &r) {
				return "no"
			}
			return "ok " + show(r)
		default:
			return "bad token " + t
		}
	}
	return show(st[len(st)-1])
}

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fmt.Fprintf(w, "%s\t%s\n", line, run(line))
	}
}
