package main

type key struct {
	a int
	b string
}

func main() {
	m := map[string]int{"one": 1, "two": 2}
	m["three"] = 3
	println(len(m), m["two"], m["none"])
	v, ok := m["one"]
	println(v, ok)
	delete(m, "one")
	_, ok = m["one"]
	println(ok, len(m))

	sum := 0
	keys := 0
	for k, v := range m {
		keys += len(k)
		sum += v
	}
	println(keys, sum)

	big := make(map[int]int)
	for i := 0; i < 10000; i++ {
		big[i*7] = i
	}
	println(len(big), big[7*9999], big[3])
	for i := 0; i < 10000; i += 2 {
		delete(big, i*7)
	}
	println(len(big))
	total := 0
	for k := range big {
		total += k
	}
	println(total)

	sk := map[key][]int{}
	sk[key{1, "a"}] = append(sk[key{1, "a"}], 1)
	sk[key{1, "a"}] = append(sk[key{1, "a"}], 2)
	sk[key{2, "a"}] = nil
	println(len(sk), len(sk[key{1, "a"}]))

	counts := map[rune]int{}
	for _, r := range "hello, world" {
		counts[r]++
	}
	println(counts['l'], counts['o'], counts['z'])

	fm := map[float64]string{}
	fm[0.0] = "zero"
	nz := 0.0
	nz = -nz
	fm[nz] = "negzero"
	println(len(fm), fm[0])

	im := map[any]int{1: 1, "1": 2, 1.0: 3, [2]int{1, 1}: 4}
	println(len(im), im[1], im["1"], im[1.0], im[[2]int{1, 1}])

	clear(m)
	println(len(m))

	nested := map[string]map[string]int{}
	for _, w := range []string{"a", "b", "a"} {
		if nested[w] == nil {
			nested[w] = map[string]int{}
		}
		nested[w]["x"]++
	}
	println(nested["a"]["x"], nested["b"]["x"], nested["c"]["x"])
}
