//! Decoding of SQL arguments, shared by the scalar and table-valued functions.

use rusqlite::types::ValueRef;

/// Reads a text argument of the SQL function `function`.
///
/// NULL gives `Ok(None)`; TEXT, or a BLOB holding UTF-8, gives the string; invalid UTF-8 or
/// a number is an error whose message names the function, so the user sees which call failed.
pub fn text_arg<'a>(function: &str, value: ValueRef<'a>) -> Result<Option<&'a str>, String> {
    match value {
        ValueRef::Null => Ok(None),
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            std::str::from_utf8(bytes).map(Some).map_err(|e| {
                format!(
                    "{function}: argument is not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                )
            })
        }
        ValueRef::Integer(_) => Err(format!("{function}: argument must be TEXT, got INTEGER")),
        ValueRef::Real(_) => Err(format!("{function}: argument must be TEXT, got REAL")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_text_blob_and_errors() {
        assert_eq!(text_arg("f", ValueRef::Null), Ok(None));
        assert_eq!(text_arg("f", ValueRef::Text(b"hi")), Ok(Some("hi")));
        assert_eq!(text_arg("f", ValueRef::Blob(b"hi")), Ok(Some("hi")));
        let err = text_arg("f", ValueRef::Blob(b"a\xff")).unwrap_err();
        assert!(err.starts_with("f: argument is not valid UTF-8"), "{err}");
        let err = text_arg("g", ValueRef::Integer(3)).unwrap_err();
        assert_eq!(err, "g: argument must be TEXT, got INTEGER");
    }
}
