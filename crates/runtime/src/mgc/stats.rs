//! Statistics: gc 1.27's `runtime.MemStats` layout (filled by
//! `runtime.ReadMemStats`), the per-cycle history (pauses, counts), and
//! the `GODEBUG=gctrace=1` line in gc's format.

use crate::malloc::sizeclasses::*;
use crate::print::gwrite;

/// One `MemStats.BySize` entry.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct BySize {
    pub size: u32,
    pub mallocs: u64,
    pub frees: u64,
}

/// gc 1.27's `runtime.MemStats` (GOROOT/src/runtime/mstats.go), field
/// for field.
#[repr(C)]
pub struct MemStats {
    pub alloc: u64,
    pub total_alloc: u64,
    pub sys: u64,
    pub lookups: u64,
    pub mallocs: u64,
    pub frees: u64,
    pub heap_alloc: u64,
    pub heap_sys: u64,
    pub heap_idle: u64,
    pub heap_inuse: u64,
    pub heap_released: u64,
    pub heap_objects: u64,
    pub stack_inuse: u64,
    pub stack_sys: u64,
    pub mspan_inuse: u64,
    pub mspan_sys: u64,
    pub mcache_inuse: u64,
    pub mcache_sys: u64,
    pub buck_hash_sys: u64,
    pub gc_sys: u64,
    pub other_sys: u64,
    pub next_gc: u64,
    pub last_gc: u64,
    pub pause_total_ns: u64,
    pub pause_ns: [u64; 256],
    pub pause_end: [u64; 256],
    pub num_gc: u32,
    pub num_forced_gc: u32,
    pub gc_cpu_fraction: f64,
    pub enable_gc: bool,
    pub debug_gc: bool,
    pub by_size: [BySize; 61],
}

// Checked against gc 1.27.3 (unsafe.Sizeof / Offsetof).
const _: () = assert!(core::mem::size_of::<MemStats>() == 5776);
const _: () = assert!(core::mem::offset_of!(MemStats, pause_ns) == 192);
const _: () = assert!(core::mem::offset_of!(MemStats, num_gc) == 4288);
const _: () = assert!(core::mem::offset_of!(MemStats, gc_cpu_fraction) == 4296);
const _: () = assert!(core::mem::offset_of!(MemStats, enable_gc) == 4304);
const _: () = assert!(core::mem::offset_of!(MemStats, by_size) == 4312);

/// The collector's running totals (touched with the world stopped).
pub struct GcStats {
    pub num_gc: u32,
    pub num_forced_gc: u32,
    pub pause_total_ns: u64,
    pub pause_ns: [u64; 256],
    pub pause_end: [u64; 256],
    pub last_gc_unix: u64,
    /// Time spent collecting (for GCCPUFraction and gctrace's %).
    pub gc_ns: u64,
    /// Objects freed, by size class (class 0: large objects).
    pub frees: [u64; NUM_SIZE_CLASSES],
    pub large_freed_bytes: u64,
}

impl GcStats {
    pub const fn new() -> Self {
        GcStats {
            num_gc: 0,
            num_forced_gc: 0,
            pause_total_ns: 0,
            pause_ns: [0; 256],
            pause_end: [0; 256],
            last_gc_unix: 0,
            gc_ns: 0,
            frees: [0; NUM_SIZE_CLASSES],
            large_freed_bytes: 0,
        }
    }
}

impl Default for GcStats {
    fn default() -> Self {
        Self::new()
    }
}

/// gc's `itoaDiv`: `val` with a decimal point `dec` digits from the
/// right ("0.005" for (5, 3)).
pub fn itoa_div(out: &mut Vec<u8>, mut val: u64, dec: u32) {
    let mut buf = [0u8; 24];
    let mut i = buf.len() - 1;
    let idec = i as isize - dec as isize;
    while val >= 10 || (i as isize) >= idec {
        buf[i] = (val % 10) as u8 + b'0';
        i -= 1;
        if i as isize == idec {
            buf[i] = b'.';
            i -= 1;
        }
        val /= 10;
    }
    buf[i] = val as u8 + b'0';
    out.extend_from_slice(&buf[i..]);
}

/// A plain decimal number.
pub fn push_uint(out: &mut Vec<u8>, v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = v;
    loop {
        i -= 1;
        buf[i] = (v % 10) as u8 + b'0';
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// gc's `fmtNSAsMS`: whole milliseconds from 10 ms on, else two
/// significant digits with at most three decimals.
pub fn fmt_ns_as_ms(out: &mut Vec<u8>, ns: u64) {
    if ns >= 10_000_000 {
        itoa_div(out, ns / 1_000_000, 0);
        return;
    }
    let mut x = ns / 1000;
    if x == 0 {
        out.push(b'0');
        return;
    }
    let mut dec = 3;
    while x >= 100 {
        x /= 10;
        dec -= 1;
    }
    itoa_div(out, x, dec);
}

/// One cycle's figures for the gctrace line.
pub struct Trace {
    pub num: u32,
    /// Since program start.
    pub start_ns: u64,
    /// Percent of time spent in the collector since program start.
    pub util: u64,
    /// Stop-the-world setup, marking, sweeping.
    pub clock: [u64; 3],
    pub heap0: usize,
    pub heap1: usize,
    pub heap2: usize,
    pub goal: usize,
    pub stacks: usize,
    pub globals: usize,
    /// GOMAXPROCS.
    pub procs: usize,
    pub forced: bool,
}

/// The gctrace line, as gc prints it:
/// `gc 1 @0.005s 2%: 0.010+0.31+0.003 ms clock, 0.010+0/0.31/0+0.003 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P`.
pub fn format_trace(t: &Trace) -> Vec<u8> {
    let mut o = Vec::with_capacity(160);
    o.extend_from_slice(b"gc ");
    push_uint(&mut o, t.num as u64);
    o.extend_from_slice(b" @");
    itoa_div(&mut o, t.start_ns / 1_000_000, 3);
    o.extend_from_slice(b"s ");
    push_uint(&mut o, t.util);
    o.extend_from_slice(b"%: ");
    for (i, &ns) in t.clock.iter().enumerate() {
        if i != 0 {
            o.push(b'+');
        }
        fmt_ns_as_ms(&mut o, ns);
    }
    o.extend_from_slice(b" ms clock, ");
    // No assists, no idle marking (one thread marks): stw + 0/mark/0 + stw.
    let cpu = [t.clock[0], 0, t.clock[1], 0, t.clock[2]];
    for (i, &ns) in cpu.iter().enumerate() {
        if i == 2 || i == 3 {
            o.push(b'/');
        } else if i != 0 {
            o.push(b'+');
        }
        fmt_ns_as_ms(&mut o, ns);
    }
    o.extend_from_slice(b" ms cpu, ");
    for (i, v) in [t.heap0, t.heap1, t.heap2].iter().enumerate() {
        if i != 0 {
            o.extend_from_slice(b"->");
        }
        push_uint(&mut o, (*v >> 20) as u64);
    }
    o.extend_from_slice(b" MB, ");
    push_uint(&mut o, (t.goal >> 20) as u64);
    o.extend_from_slice(b" MB goal, ");
    push_uint(&mut o, (t.stacks >> 20) as u64);
    o.extend_from_slice(b" MB stacks, ");
    push_uint(&mut o, (t.globals >> 20) as u64);
    o.extend_from_slice(b" MB globals, ");
    push_uint(&mut o, t.procs as u64);
    o.extend_from_slice(b" P");
    if t.forced {
        o.extend_from_slice(b" (forced)");
    }
    o.push(b'\n');
    o
}

/// Prints the gctrace line on stderr.
pub fn print_trace(t: &Trace) {
    let line = format_trace(t);
    crate::print::printlock();
    gwrite(&line);
    crate::print::printunlock();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_match_gc() {
        let f = |ns| {
            let mut o = Vec::new();
            fmt_ns_as_ms(&mut o, ns);
            String::from_utf8(o).unwrap()
        };
        assert_eq!(f(0), "0");
        assert_eq!(f(999), "0");
        assert_eq!(f(10_000), "0.010");
        assert_eq!(f(310_000), "0.31");
        assert_eq!(f(6_200_000), "6.2");
        assert_eq!(f(12_000_000), "12");
        assert_eq!(f(97_000), "0.097");
        let d = |v, dec| {
            let mut o = Vec::new();
            itoa_div(&mut o, v, dec);
            String::from_utf8(o).unwrap()
        };
        assert_eq!(d(5, 3), "0.005");
        assert_eq!(d(1234, 3), "1.234");
        assert_eq!(d(37, 3), "0.037");
        assert_eq!(d(42, 0), "42");
        let mut o = Vec::new();
        push_uint(&mut o, 0);
        push_uint(&mut o, 1234);
        assert_eq!(o, b"01234");
    }

    #[test]
    fn trace_line_is_gcs_format() {
        let t = Trace {
            num: 8,
            start_ns: 80_000_000,
            util: 9,
            clock: [130_000, 140_000, 2_000],
            heap0: 13 << 20,
            heap1: 13 << 20,
            heap2: 0,
            goal: 25 << 20,
            stacks: 0,
            globals: 0,
            procs: 1,
            forced: true,
        };
        assert_eq!(
            String::from_utf8(format_trace(&t)).unwrap(),
            "gc 8 @0.080s 9%: 0.13+0.14+0.002 ms clock, 0.13+0/0.14/0+0.002 ms cpu, \
             13->13->0 MB, 25 MB goal, 0 MB stacks, 0 MB globals, 1 P (forced)\n"
        );
    }
}
