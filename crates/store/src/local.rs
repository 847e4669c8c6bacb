//! Reads from a SQLite file on the calling thread, for the queries every page makes.
//!
//! sqlx runs each SQLite connection on a thread of its own: a query is a message to that
//! thread, one message back per row, and another trip when the connection is returned. For a
//! file in this process those trips cost more than the query (perf showed a third of the
//! dashboard's time in thread switches). These connections answer on the thread that asks.
//!
//! They only read (`query_only`), and they never wait for a lock: if SQLite says the database is
//! busy, the caller reads through sqlx instead, which waits on its own thread. Each statement
//! reads a committed snapshot, so a read here sees every write sqlx has committed before it.
//!
//! A read here holds an async worker thread while it runs: only queries bounded by an index and
//! a limit (tens of microseconds) belong here, never one that scans a whole table.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

use crate::StoreError;

/// A value bound to `$1`, `$2`… in order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    Text(&'a str),
    Int(i64),
}

/// A row type both read paths can make.
pub(crate) trait ReadRow: Sized {
    fn from_any(row: &sqlx::any::AnyRow) -> Result<Self, StoreError>;
    fn from_local(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
}

/// Connections to one SQLite file, kept for reuse. A read holds one only while it runs and never
/// across an await, so there are about as many as threads that read at once.
pub(crate) struct LocalReads {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

/// Idle connections kept beyond this are closed.
const KEEP_IDLE: usize = 8;

impl LocalReads {
    /// For the file a sqlx SQLite URL names; `None` for an in-memory database, which only sqlx's
    /// own connections can see.
    pub(crate) fn for_url(url: &str) -> Option<Self> {
        use std::str::FromStr;
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
        let path = options.get_filename();
        let name = path.to_string_lossy();
        if name.is_empty() || name.contains(":memory:") || name.starts_with("file:") {
            return None;
        }
        Some(Self {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Runs `sql` and makes a `T` of each row. `Ok(None)` means SQLite was busy (a lock or a
    /// checkpoint): read another way rather than wait here.
    pub(crate) fn read<T: ReadRow>(
        &self,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Option<Vec<T>>, StoreError> {
        let conn = match self.take() {
            Ok(conn) => conn,
            Err(e) if is_busy(&e) => return Ok(None),
            Err(e) => return Err(StoreError::LocalRead(e)),
        };
        let result = run(&conn, sql, params);
        self.give_back(conn);
        match result {
            Ok(rows) => Ok(Some(rows)),
            Err(e) if is_busy(&e) => Ok(None),
            Err(e) => Err(StoreError::LocalRead(e)),
        }
    }

    fn take(&self) -> rusqlite::Result<Connection> {
        let reused = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match reused {
            Some(conn) => Ok(conn),
            None => open(&self.path),
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < KEEP_IDLE
        {
            idle.push(conn);
        }
    }
}

fn open(path: &Path) -> rusqlite::Result<Connection> {
    // No CREATE flag: the file exists (sqlx made it and migrated it before this opens).
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // rusqlite waits up to 5 s on a lock by default; this thread must not.
    conn.busy_timeout(std::time::Duration::ZERO)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

fn run<T: ReadRow>(conn: &Connection, sql: &str, params: &[Param<'_>]) -> rusqlite::Result<Vec<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    for (i, param) in params.iter().enumerate() {
        // `$n` is a named parameter to SQLite: bind it by its name, wherever it first appears.
        let Some(index) = statement.parameter_index(&format!("${}", i + 1))? else {
            continue;
        };
        match param {
            Param::Text(text) => statement.raw_bind_parameter(index, text)?,
            Param::Int(n) => statement.raw_bind_parameter(index, n)?,
        }
    }
    let mut rows = statement.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(T::from_local(row)?);
    }
    Ok(out)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of the scratch table the tests read.
    #[derive(Debug, PartialEq)]
    struct ScratchRow {
        name: String,
        n: i64,
        data: Option<Vec<u8>>,
    }

    impl ReadRow for ScratchRow {
        fn from_any(row: &sqlx::any::AnyRow) -> Result<Self, StoreError> {
            use sqlx::Row;
            Ok(Self {
                name: row.try_get("name")?,
                n: row.try_get("n")?,
                data: row.try_get("data")?,
            })
        }

        fn from_local(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
            Ok(Self {
                name: row.get(0)?,
                n: row.get(1)?,
                data: row.get(2)?,
            })
        }
    }

    /// A scratch database in a folder of its own (left in the temporary folder, as small as the
    /// test databases).
    fn scratch_file() -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("heard-local-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("heard.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE scratch (name TEXT NOT NULL, n BIGINT NOT NULL, data BLOB); \
             INSERT INTO scratch VALUES ('a', 1, x'00ff'), ('b', 2, NULL), ('c', 3, x'');",
        )
        .unwrap();
        path
    }

    fn reads(path: &Path) -> LocalReads {
        let url = format!("sqlite://{}?mode=rwc", path.display());
        LocalReads::for_url(&url).expect("a file URL has local reads")
    }

    #[test]
    fn only_a_file_has_local_reads_and_the_path_is_the_one_sqlx_opens() {
        let local = LocalReads::for_url("sqlite:///var/lib/heard/heard.db?mode=rwc").unwrap();
        assert_eq!(local.path, Path::new("/var/lib/heard/heard.db"));
        let relative = LocalReads::for_url("sqlite://data/heard.db?mode=rwc").unwrap();
        assert_eq!(relative.path, Path::new("data/heard.db"));
        assert!(LocalReads::for_url("sqlite::memory:").is_none());
        assert!(LocalReads::for_url("sqlite://:memory:").is_none());
    }

    #[test]
    fn parameters_are_bound_by_their_number_wherever_they_appear() {
        let local = reads(&scratch_file());
        // $2 comes first in the text: binding by position would swap the two.
        let read = |params: &[Param<'_>]| -> Vec<ScratchRow> {
            local
                .read(
                    "SELECT name, n, data FROM scratch WHERE n >= $2 AND name <> $1 ORDER BY n",
                    params,
                )
                .unwrap()
                .unwrap()
        };
        let rows = read(&[Param::Text("c"), Param::Int(2)]);
        assert_eq!(
            rows,
            vec![ScratchRow {
                name: "b".into(),
                n: 2,
                data: None
            }]
        );
        // The same cached statement with other values gives other rows.
        let rows = read(&[Param::Text("b"), Param::Int(1)]);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(rows[0].data.as_deref(), Some(&[0x00, 0xff][..]));
    }

    #[test]
    fn these_connections_cannot_write() {
        let path = scratch_file();
        let local = reads(&path);
        let result = local.read::<ScratchRow>(
            "INSERT INTO scratch VALUES ('d', 4, NULL) RETURNING name, n, data",
            &[],
        );
        assert!(
            matches!(result, Err(StoreError::LocalRead(_))),
            "{result:?}"
        );
        let count: i64 = Connection::open(&path)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM scratch", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 3);
    }

    #[test]
    fn a_locked_database_is_reported_busy_at_once_not_waited_for() {
        let path = scratch_file();
        let local = reads(&path);
        // Warm: a kept connection must not wait either.
        assert!(
            local
                .read::<ScratchRow>("SELECT name, n, data FROM scratch", &[])
                .unwrap()
                .is_some()
        );
        // This file is in rollback-journal mode, where an exclusive transaction shuts readers out.
        // The writer lets go soon after: a read that waited would get the rows.
        let (locked, is_locked) = std::sync::mpsc::channel();
        let writer_path = path.clone();
        let writer = std::thread::spawn(move || {
            let writer = Connection::open(&writer_path).unwrap();
            writer.execute_batch("BEGIN EXCLUSIVE").unwrap();
            locked.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(300));
            writer.execute_batch("COMMIT").unwrap();
        });
        is_locked.recv().unwrap();
        let result = local.read::<ScratchRow>("SELECT name, n, data FROM scratch", &[]);
        assert!(matches!(result, Ok(None)), "{result:?}");
        writer.join().unwrap();
        let rows = local.read::<ScratchRow>("SELECT name, n, data FROM scratch", &[]);
        assert_eq!(rows.unwrap().map(|r| r.len()), Some(3));
    }
}
