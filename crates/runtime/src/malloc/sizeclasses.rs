//! gc's size classes (GOROOT's internal/runtime/gc/sizeclasses.go for
//! go1.27: 68 classes, class 0 meaning "large object") and the
//! size → class lookups, derived here from the class sizes.

pub const NUM_SIZE_CLASSES: usize = 68;
pub const MAX_SMALL_SIZE: usize = 32768;
pub const SMALL_SIZE_DIV: usize = 8;
pub const SMALL_SIZE_MAX: usize = 1024;
pub const LARGE_SIZE_DIV: usize = 128;
pub const PAGE_SHIFT: usize = 13;
pub const PAGE_SIZE: usize = 1 << PAGE_SHIFT;
/// Objects at most this big without pointers go to the tiny allocator
/// (when smaller than it).
pub const MAX_TINY_SIZE: usize = 16;
/// The tiny allocator's blocks come from this class (16 bytes).
pub const TINY_SIZE_CLASS: usize = 2;
/// Pointer-holding objects larger than this carry an 8-byte header with
/// their type (gc's MinSizeForMallocHeader); smaller ones keep their
/// pointer bitmap at the end of their span.
pub const MIN_SIZE_FOR_MALLOC_HEADER: usize = 512;
pub const MALLOC_HEADER_SIZE: usize = 8;

/// Bytes per object of each class.
pub static CLASS_TO_SIZE: [u16; NUM_SIZE_CLASSES] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// Pages (8 KiB) per span of each class.
pub static CLASS_TO_NPAGES: [u8; NUM_SIZE_CLASSES] = [
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8,
    3, 10, 7, 4,
];

const fn smallest_class_for(size: usize) -> u8 {
    let mut c = 1;
    while c < NUM_SIZE_CLASSES {
        if CLASS_TO_SIZE[c] as usize >= size {
            return c as u8;
        }
        c += 1;
    }
    0
}

const fn make_class8() -> [u8; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1] {
    let mut t = [0u8; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1];
    let mut i = 1;
    while i < t.len() {
        t[i] = smallest_class_for(i * SMALL_SIZE_DIV);
        i += 1;
    }
    t
}

const fn make_class128() -> [u8; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1] {
    let mut t = [0u8; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1];
    let mut i = 0;
    while i < t.len() {
        t[i] = smallest_class_for(SMALL_SIZE_MAX + i * LARGE_SIZE_DIV);
        i += 1;
    }
    t
}

/// Class of sizes up to 1024, indexed by ceil(size/8).
pub static SIZE_TO_CLASS8: [u8; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1] = make_class8();
/// Class of sizes 1024..=32768, indexed by ceil((size-1024)/128).
pub static SIZE_TO_CLASS128: [u8; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1] =
    make_class128();

/// The size class of a small object of `size` bytes (1..=32768).
#[inline]
pub fn size_to_class(size: usize) -> usize {
    if size <= SMALL_SIZE_MAX - 8 {
        SIZE_TO_CLASS8[size.div_ceil(SMALL_SIZE_DIV)] as usize
    } else {
        // Sizes 1017..1023 wrap around to index 0 (class 1024), as in gc.
        let n = size
            .wrapping_sub(SMALL_SIZE_MAX)
            .wrapping_add(LARGE_SIZE_DIV - 1);
        SIZE_TO_CLASS128[n / LARGE_SIZE_DIV] as usize
    }
}

/// gc's roundupsize: the size mallocgc really hands out for a request of
/// `size` bytes (minus the malloc header it would add for pointerful
/// objects over 512 bytes), or the page-rounded size of a large object.
pub fn roundupsize(size: usize, noscan: bool) -> usize {
    let mut req = size;
    if req <= MAX_SMALL_SIZE - MALLOC_HEADER_SIZE {
        if !noscan && req > MIN_SIZE_FOR_MALLOC_HEADER {
            req += MALLOC_HEADER_SIZE;
        }
        return CLASS_TO_SIZE[size_to_class(req)] as usize - (req - size);
    }
    let r = req.wrapping_add(PAGE_SIZE - 1);
    if r < size {
        return size;
    }
    r & !(PAGE_SIZE - 1)
}

/// A span class: size class << 1 | noscan.
pub type SpanClass = u8;

pub const NUM_SPAN_CLASSES: usize = NUM_SIZE_CLASSES * 2;

pub const fn make_spanclass(sizeclass: usize, noscan: bool) -> SpanClass {
    ((sizeclass << 1) | noscan as usize) as u8
}

pub const fn spanclass_sizeclass(sc: SpanClass) -> usize {
    (sc >> 1) as usize
}

pub const fn spanclass_noscan(sc: SpanClass) -> bool {
    sc & 1 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_tables_match_gc() {
        // Spot values of gc's SizeToSizeClass8/128.
        assert_eq!(&SIZE_TO_CLASS8[..12], &[0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8]);
        assert_eq!(&SIZE_TO_CLASS128[..8], &[32, 33, 34, 35, 36, 37, 37, 38]);
        assert_eq!(*SIZE_TO_CLASS128.last().unwrap(), 67);
        for c in 1..NUM_SIZE_CLASSES {
            let s = CLASS_TO_SIZE[c] as usize;
            assert_eq!(size_to_class(s), c);
            assert!(CLASS_TO_NPAGES[c] as usize * PAGE_SIZE >= s);
        }
        assert_eq!(roundupsize(1, true), 8);
        assert_eq!(roundupsize(33, true), 48);
        assert_eq!(roundupsize(600, true), 640);
        assert_eq!(roundupsize(600, false), 640 - 8);
        assert_eq!(roundupsize(40000, true), 40960);
        assert_eq!(roundupsize(1020, true), 1024);
        for n in 1..=32768 {
            assert!(CLASS_TO_SIZE[size_to_class(n)] as usize >= n);
        }
    }
}
