package p
import x
