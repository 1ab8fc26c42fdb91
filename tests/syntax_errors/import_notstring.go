package p
import 42
