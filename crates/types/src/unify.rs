//! Unification of types for inference (types2's unify.go): finding type
//! arguments that make a parameter type and an argument type identical,
//! with inexact matching of directional channels, interfaces and named
//! types as the spec's inference rules allow.
