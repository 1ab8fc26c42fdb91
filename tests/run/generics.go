package main

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x, true
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

type MyInt int

func Keys[K comparable, V any](m map[K]V) int { return len(m) }

func main() {
	println(Sum([]int{1, 2, 3}), Sum([]float64{0.5, 0.25}), Sum([]MyInt{4, 5}))
	strs := Map([]int{1, 2, 3}, func(i int) string { return string(rune('a' + i)) })
	println(len(strs), strs[0], strs[2])
	evens := Filter([]int{1, 2, 3, 4, 5, 6}, func(i int) bool { return i%2 == 0 })
	println(len(evens), evens[2])
	var s Stack[string]
	s.Push("x")
	s.Push("y")
	v, ok := s.Pop()
	println(v, ok)
	v, ok = s.Pop()
	println(v, ok)
	v, ok = s.Pop()
	println(v == "", ok)
	p := Pair[string, int]{"k", 1}
	println(p.Key, p.Val)
	println(Max(3, 7), Max(2.5, 1.5), Max("a", "b"))
	println(Keys(map[string]bool{"a": true}))
	var is Stack[int]
	for i := 0; i < 5; i++ {
		is.Push(i * i)
	}
	t := 0
	for {
		x, ok := is.Pop()
		if !ok {
			break
		}
		t += x
	}
	println(t)
}
