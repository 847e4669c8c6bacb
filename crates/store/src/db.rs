//! The database: one code path over SQLite and PostgreSQL.
//!
//! Queries go through sqlx's `Any` driver with `$1`-style placeholders, which both engines
//! accept. Only plain types cross the boundary (text, 64-bit integers, bytes), so each query is
//! written once. [`Database::read`] runs one of those same queries on the calling thread when
//! the database is a SQLite file (see `local`). Migrations differ per engine (types,
//! auto-increment) and live in `migrations/sqlite` and `migrations/postgres` with matching
//! names.

use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, SqlSafeStr};

use crate::StoreError;
use crate::local::{LocalReads, Param, ReadRow};

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// Picks the engine from the URL scheme. Anything else is an error: a typo must never
    /// silently create a new, empty SQLite database.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            _ => Err(StoreError::UnsupportedDatabaseUrl),
        }
    }
}

/// (file name, SQL) of each migration, oldest first. Never edit one once it has shipped:
/// add a new one, to both folders.
const SQLITE_MIGRATIONS: &[(&str, &str)] = &[
    (
        "20261123000001_foundation.sql",
        include_str!("../migrations/sqlite/20261123000001_foundation.sql"),
    ),
    (
        "20261124000001_reminders.sql",
        include_str!("../migrations/sqlite/20261124000001_reminders.sql"),
    ),
    (
        "20261124000002_children.sql",
        include_str!("../migrations/sqlite/20261124000002_children.sql"),
    ),
    (
        "20261125000001_concerns.sql",
        include_str!("../migrations/sqlite/20261125000001_concerns.sql"),
    ),
    (
        "20261126000001_experiences.sql",
        include_str!("../migrations/sqlite/20261126000001_experiences.sql"),
    ),
    (
        "20261129000001_records_per_owner.sql",
        include_str!("../migrations/sqlite/20261129000001_records_per_owner.sql"),
    ),
    (
        "20261129000002_anonymous_experiences.sql",
        include_str!("../migrations/sqlite/20261129000002_anonymous_experiences.sql"),
    ),
    (
        "20261129000003_throttle.sql",
        include_str!("../migrations/sqlite/20261129000003_throttle.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(&str, &str)] = &[
    (
        "20261123000001_foundation.sql",
        include_str!("../migrations/postgres/20261123000001_foundation.sql"),
    ),
    (
        "20261124000001_reminders.sql",
        include_str!("../migrations/postgres/20261124000001_reminders.sql"),
    ),
    (
        "20261124000002_children.sql",
        include_str!("../migrations/postgres/20261124000002_children.sql"),
    ),
    (
        "20261125000001_concerns.sql",
        include_str!("../migrations/postgres/20261125000001_concerns.sql"),
    ),
    (
        "20261126000001_experiences.sql",
        include_str!("../migrations/postgres/20261126000001_experiences.sql"),
    ),
    (
        "20261129000001_records_per_owner.sql",
        include_str!("../migrations/postgres/20261129000001_records_per_owner.sql"),
    ),
    (
        "20261129000002_anonymous_experiences.sql",
        include_str!("../migrations/postgres/20261129000002_anonymous_experiences.sql"),
    ),
    (
        "20261129000003_throttle.sql",
        include_str!("../migrations/postgres/20261129000003_throttle.sql"),
    ),
];

/// A pool of connections to the one database this process uses.
#[derive(Clone)]
pub struct Database {
    pool: AnyPool,
    engine: Engine,
    /// For a SQLite file: the hot reads, answered on the calling thread (see `local`).
    local: Option<std::sync::Arc<LocalReads>>,
}

impl Database {
    /// Connects and applies any migrations not yet applied. `max_connections` of 0 means the
    /// engine's default (SQLite: 4; PostgreSQL: 16).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        Self::connect_through(url, max_connections, None).await
    }

    /// [`Self::connect`], applying migrations only up to and including the file named `last`
    /// (for tests that build a database as an older version left it).
    pub(crate) async fn connect_through(
        url: &str,
        max_connections: u32,
        last: Option<&str>,
    ) -> Result<Self, StoreError> {
        let engine = Engine::from_url(url)?;
        if engine == Engine::Sqlite {
            keep_sqlite_files_private(url)?;
        }
        sqlx::any::install_default_drivers();
        let options = AnyConnectOptions::from_str(url).map_err(StoreError::Connect)?;
        let pool_options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(10))
            .idle_timeout(Duration::from_secs(600));
        let pool = match engine {
            Engine::Sqlite => {
                pool_options
                    // One writer at a time in SQLite; readers run beside it in WAL mode. Each
                    // connection is a thread of its own: a few are enough on small machines.
                    .max_connections(if max_connections == 0 {
                        4
                    } else {
                        max_connections
                    })
                    // A file in this process cannot drop the connection the way a server can:
                    // checking each one before use would only cost a trip to its thread.
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL lets readers run while one writes; FULL makes every commit
                            // durable on power loss. Notes typed in a clinic must survive.
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = FULL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            conn.execute("PRAGMA busy_timeout = 5000").await?;
                            // Deleted rows are overwritten, not left in free space: a deleted
                            // note, or a link removed for anonymity, is gone from the file.
                            conn.execute("PRAGMA secure_delete = ON").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
            }
            Engine::Postgres => {
                pool_options
                    .max_connections(if max_connections == 0 {
                        16
                    } else {
                        max_connections
                    })
                    .connect_with(options)
                    .await
            }
        }
        .map_err(StoreError::Connect)?;
        let local = match engine {
            Engine::Sqlite => LocalReads::for_url(url).map(std::sync::Arc::new),
            Engine::Postgres => None,
        };
        let db = Self {
            pool,
            engine,
            local,
        };
        db.migrate(last).await?;
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Runs a query this crate wrote, with `$1`, `$2`… bound to `params` in order. On a SQLite
    /// file it runs on this thread unless SQLite is busy; otherwise through the pool.
    pub(crate) async fn read<T: ReadRow>(
        &self,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Vec<T>, StoreError> {
        if let Some(local) = &self.local
            && let Some(rows) = local.read(sql, params)?
        {
            return Ok(rows);
        }
        self.read_pooled(sql, params).await
    }

    /// [`Self::read`] through the pool, on any engine.
    async fn read_pooled<T: ReadRow>(
        &self,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Vec<T>, StoreError> {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
        for param in params {
            query = match *param {
                Param::Text(text) => query.bind(text.to_owned()),
                Param::Int(n) => query.bind(n),
            };
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(T::from_any)
            .collect()
    }

    async fn migrate(&self, last: Option<&str>) -> Result<(), StoreError> {
        let files = match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS,
            Engine::Postgres => POSTGRES_MIGRATIONS,
        };
        let through = match last {
            Some(name) => {
                files
                    .iter()
                    .position(|(n, _)| *n == name)
                    .ok_or(StoreError::BadMigrationName)?
                    + 1
            }
            None => files.len(),
        };
        let migrations = files[..through]
            .iter()
            .map(|(name, sql)| {
                let (version, description) = parse_migration_name(name)?;
                Ok(Migration::new(
                    version,
                    Cow::Owned(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Migrator::with_migrations(migrations)
            .run(&self.pool)
            .await
            .map_err(StoreError::Migrate)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The database file and its write-ahead log are readable by their owner alone. SQLite makes
/// the log and shared-memory files with the database file's permissions, so a new file is made
/// first with mode 0600, and files already there are tightened (said in the log).
fn keep_sqlite_files_private(url: &str) -> Result<(), StoreError> {
    use std::str::FromStr;
    let Ok(options) = sqlx::sqlite::SqliteConnectOptions::from_str(url) else {
        return Ok(());
    };
    let path = options.get_filename().to_path_buf();
    let name = path.to_string_lossy();
    if name.is_empty() || name.contains(":memory:") || name.starts_with("file:") {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let io = |e: std::io::Error| StoreError::Files(format!("{}: {e}", path.display()));
        if !path.exists() && url.contains("mode=rwc") {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .map_err(io)?;
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            let Ok(meta) = std::fs::metadata(&file) else {
                continue;
            };
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(io)?;
                tracing::info!(
                    file = %file.display(),
                    was = format!("{mode:o}"),
                    "database file made readable by its owner only (0600)"
                );
            }
        }
    }
    Ok(())
}

fn parse_migration_name(name: &str) -> Result<(i64, String), StoreError> {
    let stem = name.strip_suffix(".sql").unwrap_or(name);
    let (version, description) = stem.split_once('_').ok_or(StoreError::BadMigrationName)?;
    let version = version.parse().map_err(|_| StoreError::BadMigrationName)?;
    Ok((version, description.replace('_', " ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_comes_from_the_scheme_and_unknown_schemes_are_refused() {
        assert_eq!(
            Engine::from_url("sqlite://heard.db").unwrap(),
            Engine::Sqlite
        );
        assert_eq!(
            Engine::from_url("postgres://x/y").unwrap(),
            Engine::Postgres
        );
        assert_eq!(
            Engine::from_url("postgresql://x/y").unwrap(),
            Engine::Postgres
        );
        for bad in ["mysql://x/y", "heard.db", "", "sqlit://x"] {
            assert!(
                matches!(
                    Engine::from_url(bad),
                    Err(StoreError::UnsupportedDatabaseUrl)
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn both_engines_have_the_same_migrations_and_every_file_is_embedded() {
        let names =
            |list: &[(&str, &str)]| list.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>();
        assert_eq!(names(SQLITE_MIGRATIONS), names(POSTGRES_MIGRATIONS));
        for (folder, list) in [
            ("sqlite", SQLITE_MIGRATIONS),
            ("postgres", POSTGRES_MIGRATIONS),
        ] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(folder);
            let mut on_disk: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            assert_eq!(
                on_disk,
                names(list),
                "{folder}: a migration file is not embedded"
            );
        }
        for (name, _) in SQLITE_MIGRATIONS {
            parse_migration_name(name).unwrap();
        }
    }

    /// The scratch table's rows, as both paths make them.
    #[derive(Debug, PartialEq)]
    struct Scratch(String, i64, Option<Vec<u8>>);

    impl ReadRow for Scratch {
        fn from_any(row: &sqlx::any::AnyRow) -> Result<Self, StoreError> {
            use sqlx::Row;
            Ok(Self(
                row.try_get("name")?,
                row.try_get("n")?,
                row.try_get("data")?,
            ))
        }

        fn from_local(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
            Ok(Self(row.get(0)?, row.get(1)?, row.get(2)?))
        }
    }

    #[tokio::test]
    async fn reads_on_this_thread_see_what_the_pool_wrote_and_match_reads_through_it() {
        let dir = std::env::temp_dir().join(format!("heard-db-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = Database::connect(&format!("sqlite://{}/heard.db?mode=rwc", dir.display()), 0)
            .await
            .unwrap();
        assert!(
            db.local.is_some(),
            "a SQLite file reads on the calling thread"
        );
        db.pool()
            .execute("CREATE TABLE scratch (name TEXT NOT NULL, n BIGINT NOT NULL, data BLOB)")
            .await
            .unwrap();
        let sql = "SELECT name, n, data FROM scratch WHERE n > $1 ORDER BY n";
        for (n, name) in [(1_i64, "one"), (2, "two"), (3, "three")] {
            sqlx::query("INSERT INTO scratch (name, n, data) VALUES ($1, $2, $3)")
                .bind(name)
                .bind(n)
                .bind((n != 2).then(|| vec![0_u8, n as u8]))
                .execute(db.pool())
                .await
                .unwrap();
            // Each write is seen by the very next read.
            let here: Vec<Scratch> = db.read(sql, &[Param::Int(0)]).await.unwrap();
            assert_eq!(here.len() as i64, n);
        }
        let here: Vec<Scratch> = db.read(sql, &[Param::Int(1)]).await.unwrap();
        let pooled: Vec<Scratch> = db.read_pooled(sql, &[Param::Int(1)]).await.unwrap();
        assert_eq!(here, pooled);
        assert_eq!(
            here,
            vec![
                Scratch("two".into(), 2, None),
                Scratch("three".into(), 3, Some(vec![0, 3])),
            ]
        );
        db.close().await;
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn an_in_memory_database_reads_through_the_pool() {
        let db = Database::connect("sqlite::memory:", 1).await.unwrap();
        assert!(db.local.is_none());
        let rows: Vec<Scratch> = db
            .read(
                "SELECT 'x' AS name, CAST($1 AS BIGINT) AS n, NULL AS data",
                &[Param::Int(7)],
            )
            .await
            .unwrap();
        assert_eq!(rows, vec![Scratch("x".into(), 7, None)]);
    }
}
