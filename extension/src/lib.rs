//! The whosaid loadable SQLite extension: `.load target/release/libwhosaid`.
//!
//! Nothing but the entry point lives here. It checks the host's SQLite version itself,
//! before rusqlite does, because rusqlite's failure path for a too-old host aborts the
//! process; then it registers every function with [`whosaid_core::register`].

use std::ffi::{c_char, c_int};
use std::panic::catch_unwind;

use rusqlite::{Connection, ffi};

/// The oldest SQLite this extension runs on: the version of the API bindings that rusqlite
/// compiles loadable extensions against.
const MIN_SQLITE_VERSION: c_int = 3_034_001;

/// Entry point, found by SQLite from the library's file name (`libwhosaid` → `whosaid`).
///
/// # Safety
/// Called by SQLite's extension loader with a valid connection handle, error-message slot
/// and API routine table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sqlite3_whosaid_init(
    db: *mut ffi::sqlite3,
    pz_err_msg: *mut *mut c_char,
    p_api: *mut ffi::sqlite3_api_routines,
) -> c_int {
    let outcome = catch_unwind(|| {
        // SAFETY: SQLite hands the loader valid pointers (or a null `p_api`, checked here).
        unsafe {
            if let Err(message) = check_host(p_api) {
                set_error(p_api, pz_err_msg, &message);
                return ffi::SQLITE_ERROR;
            }
            Connection::extension_init2(db, pz_err_msg, p_api, init)
        }
    });
    outcome.unwrap_or(ffi::SQLITE_ERROR)
}

fn init(conn: Connection) -> rusqlite::Result<bool> {
    whosaid_core::register(&conn)?;
    // Not SQLITE_OK_LOAD_PERMANENTLY: the library unloads with the connection.
    Ok(false)
}

/// Refuses hosts whose SQLite is older than [`MIN_SQLITE_VERSION`].
unsafe fn check_host(p_api: *mut ffi::sqlite3_api_routines) -> Result<(), String> {
    // SAFETY: a non-null `p_api` points to SQLite's routine table for the whole call.
    let api = unsafe { p_api.as_ref() }.ok_or("whosaid: no SQLite API routines were given")?;
    let version_number = api
        .libversion_number
        .ok_or("whosaid: the host SQLite does not report its version")?;
    // SAFETY: a function of the host's SQLite, with no arguments.
    let version = unsafe { version_number() };
    if version < MIN_SQLITE_VERSION {
        return Err(format!(
            "whosaid: needs SQLite {} or newer, but this host runs {}",
            dotted(MIN_SQLITE_VERSION),
            dotted(version)
        ));
    }
    Ok(())
}

fn dotted(v: c_int) -> String {
    format!("{}.{}.{}", v / 1_000_000, v / 1000 % 1000, v % 1000)
}

/// Stores `message` in `*pz_err_msg`, allocated with the host's `sqlite3_malloc` as the
/// loader expects (it frees the message itself).
unsafe fn set_error(
    p_api: *mut ffi::sqlite3_api_routines,
    pz_err_msg: *mut *mut c_char,
    message: &str,
) {
    // SAFETY: as in `check_host`; the copy stays within the allocation of len + 1 bytes.
    unsafe {
        let (Some(api), false) = (p_api.as_ref(), pz_err_msg.is_null()) else {
            return;
        };
        let Some(malloc) = api.malloc else { return };
        let Ok(size) = c_int::try_from(message.len() + 1) else {
            return;
        };
        let buffer = malloc(size).cast::<u8>();
        if buffer.is_null() {
            return;
        }
        std::ptr::copy_nonoverlapping(message.as_ptr(), buffer, message.len());
        *buffer.add(message.len()) = 0;
        *pz_err_msg = buffer.cast::<c_char>();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::{CStr, c_void};

    unsafe extern "C" fn sqlite_3_30_0() -> c_int {
        3_030_000
    }

    unsafe extern "C" fn sqlite_3_40_1() -> c_int {
        3_040_001
    }

    unsafe extern "C" {
        fn malloc(size: usize) -> *mut c_void;
        fn free(ptr: *mut c_void);
    }

    unsafe extern "C" fn host_malloc(size: c_int) -> *mut c_void {
        // SAFETY: the C allocator, as SQLite's default sqlite3_malloc uses.
        unsafe { malloc(usize::try_from(size).unwrap_or(0)) }
    }

    /// An API routine table with every routine missing but the version (and malloc).
    fn host(version: unsafe extern "C" fn() -> c_int) -> ffi::sqlite3_api_routines {
        // SAFETY: the table is a struct of optional function pointers; all-zero is all None.
        let mut api: ffi::sqlite3_api_routines = unsafe { std::mem::zeroed() };
        api.libversion_number = Some(version);
        api.malloc = Some(host_malloc);
        api
    }

    #[test]
    fn a_too_old_host_is_refused_with_a_message() {
        let mut api = host(sqlite_3_30_0);
        let err = unsafe { check_host(&mut api) };
        assert_eq!(
            err,
            Err("whosaid: needs SQLite 3.34.1 or newer, but this host runs 3.30.0".to_string())
        );
        let mut api = host(sqlite_3_40_1);
        assert_eq!(unsafe { check_host(&mut api) }, Ok(()));
    }

    #[test]
    fn the_entry_point_reports_a_too_old_host_instead_of_aborting() {
        let mut api = host(sqlite_3_30_0);
        let mut message: *mut c_char = std::ptr::null_mut();
        let rc = unsafe { sqlite3_whosaid_init(std::ptr::null_mut(), &mut message, &mut api) };
        assert_eq!(rc, ffi::SQLITE_ERROR);
        assert!(!message.is_null());
        let text = unsafe { CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned();
        unsafe { free(message.cast()) };
        assert!(text.contains("needs SQLite 3.34.1 or newer"), "{text}");
    }

    #[test]
    fn a_null_routine_table_is_an_error() {
        let mut message: *mut c_char = std::ptr::null_mut();
        let rc = unsafe {
            sqlite3_whosaid_init(std::ptr::null_mut(), &mut message, std::ptr::null_mut())
        };
        assert_eq!(rc, ffi::SQLITE_ERROR);
        assert!(message.is_null());
    }
}
