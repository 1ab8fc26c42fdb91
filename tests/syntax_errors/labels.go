package p

func f(x int) {
L1:
	for {
		break L1
	}
L2:
	if x > 0 {
		break L2
	}
	continue
	goto L3
	{
	L3:
	}
	goto L4
	y := 1
L4:
	_ = y
L1:
	switch {
	case true:
		fallthrough
	default:
		fallthrough
	}
	switch any(x).(type) {
	case int:
		fallthrough
	case nil:
	}
	for {
		continue L5
	}
	break
L6:
	select {
	default:
		continue L6
	}
	goto nowhere
L7:
	_ = func() {
		goto L7
	}
	fallthrough
}
