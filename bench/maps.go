// map-heavy loop: inserts, lookups, updates and deletes on map[int]int
// and map[string]int; println only.
package main

func itoa(buf []byte, n int) []byte {
	if n == 0 {
		return append(buf, '0')
	}
	var tmp [20]byte
	i := len(tmp)
	for n > 0 {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	return append(buf, tmp[i:]...)
}

func main() {
	m := make(map[int]int)
	x := uint32(1)
	for i := 0; i < 2000000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		k := int(x % 500000)
		m[k] += i
		if i%3 == 0 {
			delete(m, int((x>>3)%500000))
		}
	}
	sum := 0
	for k, v := range m {
		sum += k ^ v
	}
	println(len(m), sum)

	hits := 0
	for i := 0; i < 3000000; i++ {
		if _, ok := m[i%1000000]; ok {
			hits++
		}
	}
	println(hits)

	sm := make(map[string]int)
	var buf []byte
	for i := 0; i < 500000; i++ {
		buf = append(buf[:0], "key"...)
		buf = itoa(buf, i%100000)
		sm[string(buf)]++
	}
	println(len(sm), sm["key4242"])
}
