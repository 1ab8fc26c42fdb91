// sieve: the primes below 20,000,000 by the sieve of Eratosthenes, five
// times; println only.
package main

func sieve(n int) (int, int) {
	composite := make([]bool, n)
	count, last := 0, 0
	for i := 2; i < n; i++ {
		if composite[i] {
			continue
		}
		count++
		last = i
		for j := i * i; j < n; j += i {
			composite[j] = true
		}
	}
	return count, last
}

func main() {
	total := 0
	for r := 0; r < 5; r++ {
		c, last := sieve(20000000)
		total += c
		if r == 0 {
			println(c, last)
		}
	}
	println(total)
}
