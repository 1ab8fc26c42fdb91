package p

func _() {
outer:
	for {
		break outer
	}
	for {
		break outer
		continue outer
		break missing
		continue missing
	}
}
