package main

// Oracle copy of types2's representableConst (linux/amd64 sizes).

import (
	"go/constant"
	"go/token"
	"math"
)

func representableConst(x constant.Value, typ string, rounded *constant.Value) bool {
	if x.Kind() == constant.Unknown {
		return true
	}
	switch typ {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "untyped_int", "untyped_rune":
		x := constant.ToInt(x)
		if x.Kind() != constant.Int {
			return false
		}
		if rounded != nil {
			*rounded = x
		}
		if x, ok := constant.Int64Val(x); ok {
			switch typ {
			case "int", "int64", "untyped_int", "untyped_rune":
				return true
			case "int8":
				return -1<<7 <= x && x <= 1<<7-1
			case "int16":
				return -1<<15 <= x && x <= 1<<15-1
			case "int32":
				return -1<<31 <= x && x <= 1<<31-1
			case "uint", "uintptr", "uint64":
				return 0 <= x
			case "uint8":
				return 0 <= x && x <= 1<<8-1
			case "uint16":
				return 0 <= x && x <= 1<<16-1
			case "uint32":
				return 0 <= x && x <= 1<<32-1
			}
		}
		switch n := constant.BitLen(x); typ {
		case "uint", "uintptr", "uint64":
			return constant.Sign(x) >= 0 && n <= 64
		case "untyped_int", "untyped_rune":
			return true
		}
	case "float32", "float64", "untyped_float":
		x := constant.ToFloat(x)
		if x.Kind() != constant.Float {
			return false
		}
		switch typ {
		case "float32":
			r := roundFloat32(x)
			if r != nil {
				*rounded = r
				return true
			}
		case "float64":
			r := roundFloat64(x)
			if r != nil {
				*rounded = r
				return true
			}
		case "untyped_float":
			return true
		}
	case "complex64", "complex128", "untyped_complex":
		x := constant.ToComplex(x)
		if x.Kind() != constant.Complex {
			return false
		}
		switch typ {
		case "complex64":
			re := roundFloat32(constant.Real(x))
			im := roundFloat32(constant.Imag(x))
			if re != nil && im != nil {
				*rounded = constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
				return true
			}
		case "complex128":
			re := roundFloat64(constant.Real(x))
			im := roundFloat64(constant.Imag(x))
			if re != nil && im != nil {
				*rounded = constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
				return true
			}
		case "untyped_complex":
			return true
		}
	case "string", "untyped_string":
		return x.Kind() == constant.String
	case "bool", "untyped_bool":
		return x.Kind() == constant.Bool
	}
	return false
}

func roundFloat32(x constant.Value) constant.Value {
	f32, _ := constant.Float32Val(x)
	f := float64(f32)
	if !math.IsInf(f, 0) {
		return constant.MakeFloat64(f)
	}
	return nil
}

func roundFloat64(x constant.Value) constant.Value {
	f, _ := constant.Float64Val(x)
	if !math.IsInf(f, 0) {
		return constant.MakeFloat64(f)
	}
	return nil
}
