//! Where the dense tables live: rows of a large table are read at random, one cache line
//! each, so with 4 KiB pages nearly every read also misses the address-translation cache
//! (the entity tagger's two 8 MiB tables are 4,096 pages). Placed on 2 MiB boundaries and
//! marked for huge pages, the same tables are eight pages.

/// The size of a huge page on x86_64 and aarch64 Linux.
const HUGE: usize = 1 << 21;

/// A zeroed table of `len` `i16`s, returned with the index where its usable part starts:
/// a 2 MiB boundary marked for huge pages where the table is at least that large, else a
/// 64-byte boundary (a cache line, so that a 32-byte row never straddles two).
pub(super) fn zeroed(len: usize) -> (Vec<i16>, usize) {
    let align = if len * 2 >= HUGE { HUGE } else { 64 };
    let table = vec![0i16; len + align / 2];
    let start = (align - table.as_ptr() as usize % align) % align / 2;
    if align == HUGE {
        advise_huge(&table[start..start + len]);
    }
    (table, start)
}

/// Asks the kernel to back `rows` with huge pages. Only a hint: where transparent huge
/// pages are off, or on other systems, nothing changes but speed.
#[cfg(target_os = "linux")]
fn advise_huge(rows: &[i16]) {
    const MADV_HUGEPAGE: i32 = 14;
    unsafe extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
    }
    // SAFETY: `rows` is a live allocation that starts on a page boundary (see `zeroed`);
    // madvise with MADV_HUGEPAGE changes how the kernel backs those pages, never their
    // contents, and its failure (THP off or unsupported) is harmless and ignored.
    unsafe {
        madvise(
            rows.as_ptr().cast_mut().cast(),
            std::mem::size_of_val(rows),
            MADV_HUGEPAGE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge(_rows: &[i16]) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_start_aligned_and_zeroed() {
        for len in [16, 4096, HUGE, 3 * HUGE / 2] {
            let (table, start) = zeroed(len);
            let align = if len * 2 >= HUGE { HUGE } else { 64 };
            let at = table[start..].as_ptr() as usize;
            assert_eq!(at % align, 0, "len {len}");
            assert!(table.len() >= start + len);
            assert!(table[start..start + len].iter().all(|&w| w == 0));
        }
    }
}
