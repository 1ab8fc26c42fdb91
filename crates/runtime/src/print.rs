//! The `print`/`println` built-ins: gc's output, byte for byte, on fd 2.
//!
//! One print statement is bracketed by `printlock`/`printunlock`; what it
//! prints is collected in a per-thread buffer and written with one
//! `write(2)` at `printunlock` (or when the buffer fills), so statements
//! from different threads do not interleave. Outside a lock, output is
//! written at once. The runtime's own messages (panics, fatal errors) go
//! through the same functions (`pstr`, `pint`, ...).
//!
//! Floats print as gc 1.27 prints them: `strconv.AppendFloat(v, 'g', -1,
//! bits)` — the shortest digits that read back to the same value, in `%e`
//! form when the decimal exponent is below -4 or at least 6 (`1e+06`,
//! `1.5`, `1e-05`), `NaN`, `+Inf`, `-Inf`; complex numbers as `(re+imi)`.

use core::cell::UnsafeCell;
use core::fmt::Write as _;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::sys;

const BUF_SIZE: usize = 512;

struct PrintState {
    depth: u32,
    len: usize,
    buf: [u8; BUF_SIZE],
    /// While capturing (`runtime.Stack`): output goes to this buffer
    /// (`cap` bytes long, `cap_len` written; the rest is dropped).
    cap_ptr: *mut u8,
    cap: usize,
    cap_len: usize,
}

thread_local! {
    static STATE: UnsafeCell<PrintState> = const {
        UnsafeCell::new(PrintState {
            depth: 0,
            len: 0,
            buf: [0; BUF_SIZE],
            cap_ptr: core::ptr::null_mut(),
            cap: 0,
            cap_len: 0,
        })
    };
}

/// gc's `debuglock`: one print statement at a time process-wide.
static DEBUGLOCK: AtomicBool = AtomicBool::new(false);

fn with_state<R>(f: impl FnOnce(&mut PrintState) -> R) -> R {
    STATE.with(|s| {
        // SAFETY: the state is thread-local and no function below calls
        // back into `with_state` while holding the reference.
        f(unsafe { &mut *s.get() })
    })
}

fn flush(st: &mut PrintState) {
    if st.len > 0 {
        sys::write_err(&st.buf[..st.len]);
        st.len = 0;
    }
}

/// gc's `gwrite`: output bytes, buffered inside a print statement.
pub fn gwrite(b: &[u8]) {
    with_state(|st| {
        if !st.cap_ptr.is_null() {
            let n = b.len().min(st.cap - st.cap_len);
            // SAFETY: `capture`'s caller lent cap bytes at cap_ptr.
            unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), st.cap_ptr.add(st.cap_len), n) };
            st.cap_len += n;
            return;
        }
        if st.depth == 0 {
            sys::write_err(b);
            return;
        }
        if st.len + b.len() > BUF_SIZE {
            flush(st);
            if b.len() > BUF_SIZE {
                sys::write_err(b);
                return;
            }
        }
        st.buf[st.len..st.len + b.len()].copy_from_slice(b);
        st.len += b.len();
    })
}

#[export_name = "runtime.printlock"]
pub extern "C" fn printlock() {
    with_state(|st| {
        st.depth += 1;
        if st.depth == 1 {
            crate::lock::acquire(&DEBUGLOCK);
        }
    })
}

#[export_name = "runtime.printunlock"]
pub extern "C" fn printunlock() {
    with_state(|st| {
        if st.depth == 0 {
            return;
        }
        st.depth -= 1;
        if st.depth == 0 {
            flush(st);
            DEBUGLOCK.store(false, Ordering::Release);
        }
    })
}

/// Runs `f` with this thread's output going into `buf[..cap]` (gc's
/// `g.writebuf`) instead of fd 2; returns how many bytes were written
/// (output past `cap` is dropped).
///
/// # Safety
/// `buf` must be valid for writes of `cap` bytes while `f` runs.
pub unsafe fn capture(buf: *mut u8, cap: usize, f: impl FnOnce()) -> usize {
    let saved = with_state(|st| {
        let s = (st.cap_ptr, st.cap, st.cap_len);
        st.cap_ptr = buf;
        st.cap = cap;
        st.cap_len = 0;
        s
    });
    f();
    with_state(|st| {
        let n = st.cap_len;
        (st.cap_ptr, st.cap, st.cap_len) = saved;
        n
    })
}

/// Writes out whatever this thread has buffered (before dying).
pub fn flush_all() {
    with_state(flush);
}

// ---- Rust-side helpers -------------------------------------------------

pub fn pstr(s: &str) {
    gwrite(s.as_bytes());
}

pub fn pint(v: i64) {
    let mut buf = [0u8; 20];
    let mut i = fmt_u64(&mut buf, v.unsigned_abs());
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    gwrite(&buf[i..]);
}

pub fn puint(v: u64) {
    let mut buf = [0u8; 20];
    let i = fmt_u64(&mut buf, v);
    gwrite(&buf[i..]);
}

/// `0x` and lowercase hex digits, at least one.
pub fn phex(v: u64) {
    let mut buf = [0u8; 18];
    let i = fmt_hex(&mut buf, v);
    gwrite(&buf[i..]);
}

/// Decimal digits of `v` at the end of `buf`; returns the start index.
pub fn fmt_u64(buf: &mut [u8; 20], mut v: u64) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return i;
        }
    }
}

/// `0x` + hex digits of `v` at the end of `buf`; returns the start index.
pub fn fmt_hex(buf: &mut [u8; 18], mut v: u64) -> usize {
    const DIG: &[u8; 16] = b"0123456789abcdef";
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIG[(v % 16) as usize];
        v /= 16;
        if v == 0 {
            break;
        }
    }
    i -= 1;
    buf[i] = b'x';
    i -= 1;
    buf[i] = b'0';
    i
}

/// A fixed buffer that formatting code appends to (never allocates; what
/// does not fit is dropped).
pub struct StackBuf<const N: usize> {
    pub buf: [u8; N],
    pub len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub const fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
        }
    }
    pub fn push(&mut self, b: u8) {
        if self.len < N {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }
    pub fn extend(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl<const N: usize> Default for StackBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> core::fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.extend(s.as_bytes());
        Ok(())
    }
}

/// Appends `v` formatted as strconv's `'g'` with precision -1 (shortest)
/// for `bits` = 64 or 32 (then `v` must be exactly a float32 value).
pub fn fmt_float<const N: usize>(out: &mut StackBuf<N>, v: f64, bits: u32) {
    if v.is_nan() {
        out.extend(b"NaN");
        return;
    }
    if v.is_infinite() {
        out.extend(if v > 0.0 { b"+Inf" } else { b"-Inf" });
        return;
    }
    // Shortest round-trip digits from Rust's formatter, in `d.ddde±x` form.
    let mut e = StackBuf::<40>::new();
    if bits == 32 {
        let _ = write!(e, "{:e}", v as f32);
    } else {
        let _ = write!(e, "{:e}", v);
    }
    let s = e.as_bytes();
    let mut i = 0;
    let neg = s.first() == Some(&b'-');
    if neg {
        i = 1;
    }
    let mut digits = [0u8; 24];
    let mut nd = 0;
    while i < s.len() && s[i] != b'e' {
        if s[i] != b'.' {
            digits[nd] = s[i];
            nd += 1;
        }
        i += 1;
    }
    i += 1; // 'e'
    let mut exp: i32 = 0;
    let eneg = s.get(i) == Some(&b'-');
    if eneg {
        i += 1;
    }
    while i < s.len() {
        exp = exp * 10 + (s[i] - b'0') as i32;
        i += 1;
    }
    if eneg {
        exp = -exp;
    }
    // Go's decimal: nd digits, decimal point after dp of them; zero has none.
    let (nd, dp) = if nd == 1 && digits[0] == b'0' {
        (0usize, 0i32)
    } else {
        (nd, exp + 1)
    };
    let digits = &digits[..nd];
    let x = dp - 1;
    if neg {
        out.push(b'-');
    }
    if !(-4..6).contains(&x) {
        // %e with all the digits.
        out.push(if nd > 0 { digits[0] } else { b'0' });
        if nd > 1 {
            out.push(b'.');
            out.extend(&digits[1..]);
        }
        out.push(b'e');
        let x = if nd == 0 { 0 } else { x };
        out.push(if x < 0 { b'-' } else { b'+' });
        let a = x.unsigned_abs();
        if a < 10 {
            out.push(b'0');
            out.push(b'0' + a as u8);
        } else if a < 100 {
            out.push(b'0' + (a / 10) as u8);
            out.push(b'0' + (a % 10) as u8);
        } else {
            out.push(b'0' + (a / 100) as u8);
            out.push(b'0' + (a / 10 % 10) as u8);
            out.push(b'0' + (a % 10) as u8);
        }
    } else {
        // %f with max(nd-dp, 0) fraction digits.
        if dp > 0 {
            let m = (dp as usize).min(nd);
            out.extend(&digits[..m]);
            for _ in m..dp as usize {
                out.push(b'0');
            }
        } else {
            out.push(b'0');
        }
        let frac = (nd as i32 - dp).max(0);
        if frac > 0 {
            out.push(b'.');
            for k in 1..=frac {
                let j = dp + k - 1;
                out.push(if j >= 0 && (j as usize) < nd {
                    digits[j as usize]
                } else {
                    b'0'
                });
            }
        }
    }
}

/// strconv.AppendComplex(c, 'g', -1, bits): `(re±imi)`.
pub fn fmt_complex<const N: usize>(out: &mut StackBuf<N>, re: f64, im: f64, bits: u32) {
    out.push(b'(');
    fmt_float(out, re, bits);
    let at = out.len;
    fmt_float(out, im, bits);
    if at < out.len && out.buf[at] != b'+' && out.buf[at] != b'-' {
        // Insert the '+' before the imaginary part.
        let end = out.len;
        out.push(0);
        let mut k = end;
        while k > at {
            out.buf[k] = out.buf[k - 1];
            k -= 1;
        }
        out.buf[at] = b'+';
    }
    out.extend(b"i)");
}

// ---- the built-in's entry points --------------------------------------

#[export_name = "runtime.printsp"]
pub extern "C" fn printsp() {
    gwrite(b" ");
}

#[export_name = "runtime.printnl"]
pub extern "C" fn printnl() {
    gwrite(b"\n");
}

#[export_name = "runtime.printbool"]
pub extern "C" fn printbool(v: u8) {
    gwrite(if v != 0 { b"true" } else { b"false" });
}

#[export_name = "runtime.printint"]
pub extern "C" fn printint(v: i64) {
    pint(v);
}

#[export_name = "runtime.printuint"]
pub extern "C" fn printuint(v: u64) {
    puint(v);
}

#[export_name = "runtime.printhex"]
pub extern "C" fn printhex(v: u64) {
    phex(v);
}

#[export_name = "runtime.printfloat64"]
pub extern "C" fn printfloat64(v: f64) {
    let mut b = StackBuf::<32>::new();
    fmt_float(&mut b, v, 64);
    gwrite(b.as_bytes());
}

#[export_name = "runtime.printfloat32"]
pub extern "C" fn printfloat32(v: f32) {
    let mut b = StackBuf::<32>::new();
    fmt_float(&mut b, v as f64, 32);
    gwrite(b.as_bytes());
}

#[export_name = "runtime.printcomplex128"]
pub extern "C" fn printcomplex128(re: f64, im: f64) {
    let mut b = StackBuf::<64>::new();
    fmt_complex(&mut b, re, im, 64);
    gwrite(b.as_bytes());
}

#[export_name = "runtime.printcomplex64"]
pub extern "C" fn printcomplex64(re: f32, im: f32) {
    let mut b = StackBuf::<64>::new();
    fmt_complex(&mut b, re as f64, im as f64, 32);
    gwrite(b.as_bytes());
}

/// # Safety
/// `p` points to `n` readable bytes (or `n` is 0).
#[export_name = "runtime.printstring"]
pub unsafe extern "C" fn printstring(p: *const u8, n: isize) {
    if n > 0 {
        // SAFETY: the caller (compiled code) passes a Go string.
        gwrite(unsafe { core::slice::from_raw_parts(p, n as usize) });
    }
}

#[export_name = "runtime.printpointer"]
pub extern "C" fn printpointer(p: usize) {
    phex(p as u64);
}

#[export_name = "runtime.printuintptr"]
pub extern "C" fn printuintptr(p: usize) {
    phex(p as u64);
}

#[export_name = "runtime.printslice"]
pub extern "C" fn printslice(p: usize, len: i64, cap: i64) {
    gwrite(b"[");
    pint(len);
    gwrite(b"/");
    pint(cap);
    gwrite(b"]");
    phex(p as u64);
}

#[export_name = "runtime.printeface"]
pub extern "C" fn printeface(t: usize, data: usize) {
    gwrite(b"(");
    phex(t as u64);
    gwrite(b",");
    phex(data as u64);
    gwrite(b")");
}

#[export_name = "runtime.printiface"]
pub extern "C" fn printiface(tab: usize, data: usize) {
    printeface(tab, data);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64s(v: f64) -> String {
        let mut b = StackBuf::<64>::new();
        fmt_float(&mut b, v, 64);
        String::from_utf8(b.as_bytes().to_vec()).unwrap()
    }
    fn f32s(v: f32) -> String {
        let mut b = StackBuf::<64>::new();
        fmt_float(&mut b, v as f64, 32);
        String::from_utf8(b.as_bytes().to_vec()).unwrap()
    }
    fn c128(re: f64, im: f64) -> String {
        let mut b = StackBuf::<64>::new();
        fmt_complex(&mut b, re, im, 64);
        String::from_utf8(b.as_bytes().to_vec()).unwrap()
    }
    fn c64(re: f32, im: f32) -> String {
        let mut b = StackBuf::<64>::new();
        fmt_complex(&mut b, re as f64, im as f64, 32);
        String::from_utf8(b.as_bytes().to_vec()).unwrap()
    }

    // Expected strings: gc 1.27.3's println of the same values
    // (tests/testdata in the commit message of this test's origin:
    // `go run` of a program printing each value).
    #[test]
    fn float64_like_gc() {
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (0.0, "0"),
            (-0.0, "-0"),
            (1e21, "1e+21"),
            (1e20, "1e+20"),
            (123456789.0, "1.23456789e+08"),
            (100000.0, "100000"),
            (999999.0, "999999"),
            (1000000.0, "1e+06"),
            (1e-7, "1e-07"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.000123, "0.000123"),
            (3.0, "3"),
            (-2.75, "-2.75"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (123.456, "123.456"),
            (-1e100, "-1e+100"),
            (f64::INFINITY, "+Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (f64::NAN, "NaN"),
            (12345.678, "12345.678"),
            (1e6 + 0.5, "1.0000005e+06"),
        ];
        for &(v, want) in cases {
            assert_eq!(f64s(v), want, "{v:?}");
        }
    }

    #[test]
    fn float32_and_complex_like_gc() {
        assert_eq!(f32s(0.1), "0.1");
        assert_eq!(f32s(1.0 / 3.0), "0.33333334");
        assert_eq!(f32s(16777216.0), "1.6777216e+07");
        assert_eq!(f32s(f32::MAX), "3.4028235e+38");
        assert_eq!(f32s(1e-10), "1e-10");
        assert_eq!(c128(1.0, 2.0), "(1+2i)");
        assert_eq!(c128(0.0, -0.0), "(0-0i)");
        assert_eq!(c128(-1.5, f64::NAN), "(-1.5+NaNi)");
        assert_eq!(c128(f64::INFINITY, f64::NEG_INFINITY), "(+Inf-Infi)");
        assert_eq!(c128(1e7, 1e-7), "(1e+07+1e-07i)");
        assert_eq!(c64(0.1, -3.0), "(0.1-3i)");
    }

    #[test]
    fn integers_and_hex() {
        let mut b = [0u8; 20];
        let i = fmt_u64(&mut b, u64::MAX);
        assert_eq!(&b[i..], b"18446744073709551615");
        let mut h = [0u8; 18];
        let i = fmt_hex(&mut h, 0);
        assert_eq!(&h[i..], b"0x0");
        let i = fmt_hex(&mut h, 0xdeadbeef);
        assert_eq!(&h[i..], b"0xdeadbeef");
        let i = fmt_hex(&mut h, u64::MAX);
        assert_eq!(&h[i..], b"0xffffffffffffffff");
    }
}
