//! Test support: a fresh, empty database per test, on SQLite or PostgreSQL.
//!
//! PostgreSQL runs when `HEARD_TEST_POSTGRES_URL` names a server (for example
//! `postgres://postgres@127.0.0.1:5432/test`); each test gets a database of its own there.
//! Without it, PostgreSQL tests are skipped, and the test binary says so on stderr.

#![allow(
    clippy::panic,
    reason = "test support: a failed set-up must fail the test"
)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

use sqlx::{AssertSqlSafe, Connection};

use crate::{Engine, InstanceKey, SessionPolicy, Store, StoreConfig, ThrottlePolicy, Timestamp};

pub const POSTGRES_URL_VAR: &str = "HEARD_TEST_POSTGRES_URL";

/// A database made for one test.
pub struct TestDatabase {
    pub url: String,
    pub engine: Engine,
    /// The SQLite data folder (for checking what is on disk), or none for PostgreSQL.
    pub dir: Option<PathBuf>,
    postgres: Option<(String, String)>,
    /// The instance key of this database, for a test that starts a server on it more than once.
    pub instance_key: InstanceKey,
}

impl TestDatabase {
    pub fn sqlite() -> Self {
        let dir =
            std::env::temp_dir().join(format!("heard-test-{}", uuid::Uuid::new_v4().simple()));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create test folder {}: {e}", dir.display());
        }
        Self {
            url: format!("sqlite://{}/heard.db?mode=rwc", dir.display()),
            engine: Engine::Sqlite,
            dir: Some(dir),
            postgres: None,
            instance_key: InstanceKey::random(),
        }
    }

    /// A new PostgreSQL database, or `None` (after saying why, once) when no server is given.
    pub async fn postgres() -> Option<Self> {
        let Ok(server) = std::env::var(POSTGRES_URL_VAR) else {
            static SAID: Once = Once::new();
            SAID.call_once(|| {
                // Written straight to stderr so the test harness does not hide it.
                let _ = writeln!(
                    std::io::stderr(),
                    "\nSKIPPED: the PostgreSQL runs of these tests did not run because \
                     {POSTGRES_URL_VAR} is not set. .ci/run sets it; to run them by hand: \
                     {POSTGRES_URL_VAR}=postgres://postgres@127.0.0.1:5432/test cargo test\n"
                );
            });
            return None;
        };
        sqlx::any::install_default_drivers();
        let name = format!("heard_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = match sqlx::AnyConnection::connect(&server).await {
            Ok(c) => c,
            Err(e) => panic!("{POSTGRES_URL_VAR} is set but PostgreSQL is not reachable: {e}"),
        };
        // The name is ours (a UUID), never user input.
        if let Err(e) = sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
        {
            panic!("cannot create test database: {e}");
        }
        let _ = admin.close().await;
        let base = server
            .rsplit_once('/')
            .map_or(server.as_str(), |(base, _)| base);
        Some(Self {
            url: format!("{base}/{name}"),
            engine: Engine::Postgres,
            dir: None,
            postgres: Some((server.clone(), name)),
            instance_key: InstanceKey::random(),
        })
    }

    pub fn config(&self, instance_key: InstanceKey) -> StoreConfig {
        StoreConfig {
            database_url: self.url.clone(),
            max_connections: 0,
            instance_key,
            max_concurrent_hashes: 2,
            sessions: SessionPolicy::default(),
            throttle: ThrottlePolicy::default(),
        }
    }

    pub async fn open_store(&self, now: Timestamp) -> Store {
        match Store::open(self.config(InstanceKey::random()), now).await {
            Ok(store) => store,
            Err(e) => panic!("cannot open test store: {e}"),
        }
    }

    /// Opens the same database again after `previous` was closed, with the same instance key.
    pub async fn open_store_again(&self, previous: &Store) -> Store {
        let config = self.config(previous.inner.instance_key.clone());
        match Store::open(config, Timestamp::UNIX_EPOCH).await {
            Ok(store) => store,
            Err(e) => panic!("cannot reopen test store: {e}"),
        }
    }

    /// Every byte the database holds, as text where possible, for checking that nothing
    /// readable leaked. SQLite: the database file and its WAL. PostgreSQL: every row of every
    /// table, as JSON.
    pub async fn everything_stored(&self) -> Vec<u8> {
        match (&self.dir, &self.postgres) {
            (Some(dir), _) => {
                let mut all = Vec::new();
                for name in ["heard.db", "heard.db-wal", "heard.db-shm"] {
                    if let Ok(bytes) = std::fs::read(dir.join(name)) {
                        all.extend(bytes);
                    }
                }
                all
            }
            (None, _) => {
                let mut conn = match sqlx::AnyConnection::connect(&self.url).await {
                    Ok(c) => c,
                    Err(e) => panic!("cannot reconnect to the test database: {e}"),
                };
                let tables: Vec<String> = match sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
                )
                .fetch_all(&mut conn)
                .await
                {
                    Ok(tables) => tables,
                    Err(e) => panic!("cannot list the tables: {e}"),
                };
                let mut all = Vec::new();
                for table in tables {
                    let rows: Vec<String> = match sqlx::query_scalar(AssertSqlSafe(format!(
                        "SELECT row_to_json(t)::text FROM {table} t"
                    )))
                    .fetch_all(&mut conn)
                    .await
                    {
                        Ok(rows) => rows,
                        Err(e) => panic!("cannot read {table}: {e}"),
                    };
                    for row in rows {
                        all.extend(row.into_bytes());
                    }
                }
                all
            }
        }
    }

    /// Runs a statement as it is, for tests that tamper with stored rows on purpose.
    pub async fn tamper(&self, sql: &str, binds: &[&str]) {
        sqlx::any::install_default_drivers();
        let mut conn = match sqlx::AnyConnection::connect(&self.url).await {
            Ok(c) => c,
            Err(e) => panic!("cannot reconnect to the test database: {e}"),
        };
        let mut query = sqlx::query(AssertSqlSafe(sql.to_owned()));
        for b in binds {
            query = query.bind(*b);
        }
        if let Err(e) = query.execute(&mut conn).await {
            panic!("tampering failed: {e}");
        }
    }

    /// Builds the database as an older version left it: migrations up to and including the
    /// file named `last`, nothing after. Write old-shaped rows into it with [`Self::tamper`],
    /// then open the store to see today's version upgrade them.
    pub async fn migrate_through(&self, last: &str) {
        match crate::db::Database::connect_through(&self.url, 1, Some(last)).await {
            Ok(db) => db.close().await,
            Err(e) => panic!("cannot build the older database: {e}"),
        }
    }

    /// Runs a statement with bytes bound (a sealed value, a wrapped key), in order.
    pub async fn tamper_bytes(&self, sql: &str, texts: &[&str], bytes: &[&[u8]]) {
        sqlx::any::install_default_drivers();
        let mut conn = match sqlx::AnyConnection::connect(&self.url).await {
            Ok(c) => c,
            Err(e) => panic!("cannot reconnect to the test database: {e}"),
        };
        let mut query = sqlx::query(AssertSqlSafe(sql.to_owned()));
        for t in texts {
            query = query.bind(*t);
        }
        for b in bytes {
            query = query.bind(b.to_vec());
        }
        if let Err(e) = query.execute(&mut conn).await {
            panic!("tampering failed: {e}");
        }
    }

    /// How many rows a table holds.
    pub async fn count_rows(&self, table: &str) -> i64 {
        self.count_rows_where(table, "1 = 1").await
    }

    /// How many rows of a table match a condition (test-written SQL, never user input).
    pub async fn count_rows_where(&self, table: &str, condition: &str) -> i64 {
        sqlx::any::install_default_drivers();
        let mut conn = match sqlx::AnyConnection::connect(&self.url).await {
            Ok(c) => c,
            Err(e) => panic!("cannot reconnect to the test database: {e}"),
        };
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table} WHERE {condition}");
        match sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await
        {
            Ok(n) => n,
            Err(e) => panic!("counting rows failed: {e}"),
        }
    }

    /// Removes the database. Best effort: a leftover only costs disk.
    pub async fn remove(self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((server, name)) = &self.postgres
            && let Ok(mut admin) = sqlx::AnyConnection::connect(server).await
        {
            let _ = sqlx::query(AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
        }
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL (when available), each with a
/// fresh database that is removed afterwards: `both_engines!(name, body_fn);` where
/// `async fn body_fn(db: &TestDatabase)`.
#[macro_export]
macro_rules! both_engines {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::testing::TestDatabase::sqlite();
                super::$body(&db).await;
                db.remove().await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(db) = $crate::testing::TestDatabase::postgres().await {
                    super::$body(&db).await;
                    db.remove().await;
                }
            }
        }
    };
}
