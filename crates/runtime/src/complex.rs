//! Complex arithmetic gc leaves to the runtime: division.

/// Two `f64`s returned in `xmm0:xmm1` (a complex128).
#[repr(C)]
pub struct Complex128 {
    pub re: f64,
    pub im: f64,
}

/// `n / m` for complex128 as gc computes it: Smith's algorithm, then the
/// C99 (Annex G) corrections to infinities and zeros when both parts came
/// out NaN.
#[export_name = "runtime.complex128div"]
pub extern "C" fn complex128div(a: f64, b: f64, c: f64, d: f64) -> Complex128 {
    let (mut e, mut f);
    if c.abs() >= d.abs() {
        let ratio = d / c;
        let denom = c + ratio * d;
        e = (a + b * ratio) / denom;
        f = (b - a * ratio) / denom;
    } else {
        let ratio = c / d;
        let denom = d + ratio * c;
        e = (a * ratio + b) / denom;
        f = (b * ratio - a) / denom;
    }
    if e.is_nan() && f.is_nan() {
        let inf = f64::INFINITY;
        let one_if = |x: bool| if x { 1.0 } else { 0.0 };
        if c == 0.0 && d == 0.0 && (!a.is_nan() || !b.is_nan()) {
            e = inf.copysign(c) * a;
            f = inf.copysign(c) * b;
        } else if (a.is_infinite() || b.is_infinite()) && c.is_finite() && d.is_finite() {
            let a2 = f64::copysign(one_if(a.is_infinite()), a);
            let b2 = f64::copysign(one_if(b.is_infinite()), b);
            e = inf * (a2 * c + b2 * d);
            f = inf * (b2 * c - a2 * d);
        } else if (c.is_infinite() || d.is_infinite()) && a.is_finite() && b.is_finite() {
            let c2 = f64::copysign(one_if(c.is_infinite()), c);
            let d2 = f64::copysign(one_if(d.is_infinite()), d);
            e = 0.0 * (a * c2 + b * d2);
            f = 0.0 * (b * c2 - a * d2);
        }
    }
    Complex128 { re: e, im: f }
}
