package p
func f() {
	if {
	}
	if x(); {
	}
	if x;
	{
	}
}
