package main

const greeting = "hello, world"

func pick(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func main() {
	println(greeting, len(greeting))
	s := pick(true)
	t := pick(false)
	println(s, t, len(s)+len(t))
	println("", "a\tb", "quote\"", `back\slash`, "ünï", "日本")
	println(s == "yes", s != t, s < t, "abc" > "abd")
	print("x", 1, true, 2.5, '\n')
	print("\n")
	println(len("日本"), greeting[0], greeting[len(greeting)-1])
}
