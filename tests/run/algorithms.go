package main

func quicksort(a []int) {
	if len(a) < 2 {
		return
	}
	p := a[len(a)/2]
	i, j := 0, len(a)-1
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	quicksort(a[:j+1])
	quicksort(a[i:])
}

func queens(n int) int {
	cols := make([]bool, n)
	d1 := make([]bool, 2*n)
	d2 := make([]bool, 2*n)
	var place func(r int) int
	place = func(r int) int {
		if r == n {
			return 1
		}
		c := 0
		for col := 0; col < n; col++ {
			if cols[col] || d1[r+col] || d2[r-col+n] {
				continue
			}
			cols[col], d1[r+col], d2[r-col+n] = true, true, true
			c += place(r + 1)
			cols[col], d1[r+col], d2[r-col+n] = false, false, false
		}
		return c
	}
	return place(0)
}

func primes(n int) []int {
	comp := make([]bool, n+1)
	var ps []int
	for i := 2; i <= n; i++ {
		if !comp[i] {
			ps = append(ps, i)
			for j := i * i; j <= n; j += i {
				comp[j] = true
			}
		}
	}
	return ps
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func main() {
	seed := uint32(12345)
	a := make([]int, 50)
	for i := range a {
		seed = seed*1103515245 + 12345
		a[i] = int(seed>>16) % 1000
	}
	quicksort(a)
	ok := true
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			ok = false
		}
	}
	println(ok, a[0], a[49])
	println(queens(6), queens(8))
	ps := primes(100)
	println(len(ps), ps[len(ps)-1])
	println(gcd(1071, 462), gcd(17, 5))
	memo := map[int]int{}
	var collatz func(n int) int
	collatz = func(n int) int {
		if n == 1 {
			return 0
		}
		if v, ok := memo[n]; ok {
			return v
		}
		var r int
		if n%2 == 0 {
			r = 1 + collatz(n/2)
		} else {
			r = 1 + collatz(3*n+1)
		}
		memo[n] = r
		return r
	}
	best, arg := 0, 0
	for i := 1; i < 10000; i++ {
		if c := collatz(i); c > best {
			best, arg = c, i
		}
	}
	println(best, arg)
}
