package p
var _ func[T any]()
type I interface {
	m[T any]()
}
