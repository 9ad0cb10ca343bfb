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
