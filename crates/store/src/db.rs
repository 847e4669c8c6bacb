//! The database: one code path over SQLite and PostgreSQL.
//!
//! Queries go through sqlx's `Any` driver with `$1`-style placeholders, which both engines
//! accept. Only plain types cross the boundary (text, 64-bit integers, bytes), so each query is
//! written once. Migrations differ per engine (types, auto-increment) and live in
//! `migrations/sqlite` and `migrations/postgres` with matching names.

use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, SqlSafeStr};

use crate::StoreError;

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
];

/// A pool of connections to the one database this process uses.
#[derive(Clone)]
pub struct Database {
    pool: AnyPool,
    engine: Engine,
}

impl Database {
    /// Connects and applies any migrations not yet applied. `max_connections` of 0 means the
    /// engine's default (SQLite: 4; PostgreSQL: 16).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let engine = Engine::from_url(url)?;
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
        let db = Self { pool, engine };
        db.migrate().await?;
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let files = match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS,
            Engine::Postgres => POSTGRES_MIGRATIONS,
        };
        let migrations = files
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
}
