//! The table-valued forms of the extractors: `SELECT * FROM extract_quotes(body)`.
//!
//! Both are eponymous-only virtual tables over one generic implementation: the argument is
//! a hidden column, `xFilter` runs the extractor once and the cursor walks the result. Every
//! callback body runs under [`guard`], because SQLite calls them through plain C function
//! pointers and rusqlite does not catch panics there: a panic would abort the host.

use std::borrow::Cow;
use std::ffi::{CStr, c_int};
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use rusqlite::types::ToSql;
use rusqlite::vtab::{
    Context, Filters, IndexConstraintOp, IndexInfo, Module, VTab, VTabConfig, VTabConnection,
    VTabCursor, sqlite3_vtab, sqlite3_vtab_cursor,
};
use rusqlite::{Connection, Error, Result};

use super::args::text_arg;
use crate::Quote;
use crate::entities::Found;

/// One row type of a table-valued function.
trait Row: Sized + 'static {
    /// The SQL name, also used in error messages.
    const NAME: &'static str;
    /// The declared schema; the last column is the hidden argument.
    const SCHEMA: &'static CStr;
    /// Index of the hidden argument column.
    const ARGUMENT: c_int;
    fn extract(text: &str) -> Vec<Self>;
    /// Sets column `i` of this row, found in `input`.
    fn column(&self, input: &str, ctx: &mut Context, i: c_int) -> Result<()>;
}

fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn set<T: ToSql>(ctx: &mut Context, value: T) -> Result<()> {
    ctx.set_result(&value)
}

impl Row for Quote {
    const NAME: &'static str = "extract_quotes";
    const SCHEMA: &'static CStr = c"CREATE TABLE x(quote TEXT, start INTEGER, \"end\" INTEGER, kind TEXT, speaker TEXT, speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER, cue TEXT, input HIDDEN)";
    const ARGUMENT: c_int = 9;
    fn extract(text: &str) -> Vec<Self> {
        crate::extract_quotes(text)
    }
    fn column(&self, _input: &str, ctx: &mut Context, i: c_int) -> Result<()> {
        match i {
            0 => set(ctx, self.quote.as_str()),
            1 => set(ctx, offset(self.start)),
            2 => set(ctx, offset(self.end)),
            3 => set(ctx, self.kind.as_str()),
            4 => set(ctx, self.speaker.as_deref()),
            5 => set(ctx, self.speaker_mention.as_deref()),
            6 => set(ctx, self.speaker_start.map(offset)),
            7 => set(ctx, self.speaker_end.map(offset)),
            8 => set(ctx, self.cue.as_deref()),
            _ => set(ctx, rusqlite::types::Null),
        }
    }
}

/// Entity rows keep ranges of the input, which the cursor holds, and strings are made
/// only for the columns read.
impl Row for Found {
    const NAME: &'static str = "extract_entities";
    const SCHEMA: &'static CStr = c"CREATE TABLE x(text TEXT, start INTEGER, \"end\" INTEGER, label TEXT, canonical TEXT, input HIDDEN)";
    const ARGUMENT: c_int = 5;
    fn extract(text: &str) -> Vec<Self> {
        crate::entities::find(text)
    }
    fn column(&self, input: &str, ctx: &mut Context, i: c_int) -> Result<()> {
        match i {
            0 => set(ctx, self.text(input)),
            1 => set(ctx, offset(self.start)),
            2 => set(ctx, offset(self.end)),
            3 => set(ctx, self.label.as_str()),
            4 => set(ctx, self.canonical(input)),
            _ => set(ctx, rusqlite::types::Null),
        }
    }
}

/// Runs a callback body, turning a panic into an SQL error instead of an abort.
fn guard<T>(name: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|_| Err(Error::ModuleError(format!("{name}: internal error"))))
}

/// `idx_num` values chosen by `best_index` and read by `filter`.
const NO_ARGUMENT: c_int = 0;
const HAS_ARGUMENT: c_int = 1;

#[repr(C)]
struct TableFunction<R: Row> {
    /// Base class; must come first.
    base: sqlite3_vtab,
    rows: PhantomData<R>,
}

#[repr(C)]
struct Cursor<R: Row> {
    /// Base class; must come first.
    base: sqlite3_vtab_cursor,
    rows: Vec<R>,
    at: usize,
    /// The argument, returned as the hidden column, so that constraints SQLite checks itself
    /// (a second `input = ...`, `input IS NULL`) see the real value rather than NULL.
    input: Option<String>,
}

unsafe impl<'vtab, R: Row> VTab<'vtab> for TableFunction<R> {
    type Aux = ();
    type Cursor = Cursor<R>;

    fn connect(
        db: &mut VTabConnection,
        _aux: Option<&()>,
        _module: &[u8],
        _database: &[u8],
        _table: &[u8],
        _args: &[&[u8]],
    ) -> Result<(Cow<'static, CStr>, Self)> {
        guard(R::NAME, || {
            db.config(VTabConfig::Innocuous)?;
            let table = TableFunction {
                base: sqlite3_vtab::default(),
                rows: PhantomData,
            };
            Ok((Cow::Borrowed(R::SCHEMA), table))
        })
    }

    fn best_index(&self, info: &mut IndexInfo) -> Result<bool> {
        guard(R::NAME, || {
            let mut argument = None;
            for (i, constraint) in info.constraints().enumerate() {
                if constraint.column() == R::ARGUMENT
                    && constraint.operator() == IndexConstraintOp::SQLITE_INDEX_CONSTRAINT_EQ
                {
                    if !constraint.is_usable() {
                        // Another join order must supply the argument first.
                        return Ok(false);
                    }
                    argument = Some(i);
                }
            }
            match argument {
                Some(i) => {
                    let mut usage = info.constraint_usage(i);
                    usage.set_argv_index(1);
                    usage.set_omit(true);
                    info.set_idx_num(HAS_ARGUMENT);
                    info.set_estimated_cost(10.0);
                    info.set_estimated_rows(10);
                }
                None => {
                    info.set_idx_num(NO_ARGUMENT);
                    info.set_estimated_cost(1e12);
                }
            }
            Ok(true)
        })
    }

    fn open(&'vtab mut self) -> Result<Cursor<R>> {
        Ok(Cursor {
            base: sqlite3_vtab_cursor::default(),
            rows: Vec::new(),
            at: 0,
            input: None,
        })
    }
}

unsafe impl<R: Row> VTabCursor for Cursor<R> {
    fn filter(&mut self, idx_num: c_int, _idx_str: Option<&str>, args: &Filters<'_>) -> Result<()> {
        guard(R::NAME, || {
            self.at = 0;
            self.rows = Vec::new();
            self.input = None;
            let value = match args.iter().next() {
                Some(value) if idx_num == HAS_ARGUMENT => value,
                _ => {
                    return Err(Error::ModuleError(format!(
                        "{name}: needs its text argument, as in SELECT * FROM {name}(body)",
                        name = R::NAME
                    )));
                }
            };
            if let Some(text) = text_arg(R::NAME, value).map_err(Error::ModuleError)? {
                self.rows = R::extract(text);
                if !self.rows.is_empty() {
                    self.input = Some(text.to_owned());
                }
            }
            Ok(())
        })
    }

    fn next(&mut self) -> Result<()> {
        self.at = self.at.saturating_add(1);
        Ok(())
    }

    fn eof(&self) -> bool {
        self.at >= self.rows.len()
    }

    fn column(&self, ctx: &mut Context, i: c_int) -> Result<()> {
        guard(R::NAME, || match self.rows.get(self.at) {
            Some(_) if i == R::ARGUMENT => ctx.set_result(&self.input.as_deref()),
            Some(row) => row.column(self.input.as_deref().unwrap_or_default(), ctx, i),
            None => ctx.set_result(&rusqlite::types::Null),
        })
    }

    fn rowid(&self) -> Result<i64> {
        Ok(offset(self.at))
    }
}

pub(super) fn register(conn: &Connection) -> Result<()> {
    const QUOTES: Module<'static, TableFunction<Quote>> = Module::eponymous_only_module();
    const ENTITIES: Module<'static, TableFunction<Found>> = Module::eponymous_only_module();
    conn.create_module(c"extract_quotes", &QUOTES, None)?;
    conn.create_module(c"extract_entities", &ENTITIES, None)?;
    Ok(())
}
