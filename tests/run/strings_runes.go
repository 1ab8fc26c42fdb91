package main

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func main() {
	s := "héllo, 世界!"
	println(len(s), s[1], s[0:1], s[7:])
	for i, r := range s {
		print(i, ":", r, " ")
	}
	println()
	for i := range "abc" {
		print(i)
	}
	println()
	bad := "a\xffb\xe4\xb8"
	for i, r := range bad {
		print(i, "=", r, " ")
	}
	println()
	println(reverse(s))
	println(string(rune(65)), string(rune(0x4e16)), string(rune(-1)) == "\uFFFD")
	bs := []byte(s)
	bs[0] = 'H'
	println(string(bs), len([]rune(s)))
	println("abc" < "abd", "ab" < "abc", "b" > "abc", "x" == "x", "" < "a")
	t := "con" + "cat"
	t += "enate"
	println(t, len(t))
	acc := ""
	for i := 0; i < 5; i++ {
		acc += string(rune('a' + i))
	}
	println(acc)
	println(string([]byte{}) == "", string([]rune{0x263a, 'x'}))
	x := "hello"
	y := x[1:4]
	println(y, len(y))
	var count int
	for range "日本語" {
		count++
	}
	println(count)
	const raw = `raw\n string`
	println(raw, len(raw))
}
