//! Persistence for Heard: accounts, sessions, sign-in throttling and the sealed record store,
//! on SQLite or PostgreSQL through one code path. On a SQLite file, the reads every page makes
//! are answered on the calling thread instead (see `local`), with the same SQL.
//!
//! Every user record is sealed with its owner's data key before it reaches the database; only
//! ids, owner, kind, version and timestamps are stored in the clear.

mod accounts;
mod db;
mod directory;
mod error;
mod experiences;
mod feeds;
mod identity;
mod local;
mod records;
pub mod sealing;
mod sessions;
mod throttle;

use std::sync::Arc;

use tokio::sync::Semaphore;

pub use accounts::{SignInRefused, SignedInDevice};
pub use db::{Database, Engine};
pub use error::StoreError;
pub use experiences::{Moderation, SharedExperience};
pub use feeds::CalendarFeed;
pub use identity::{Owner, Role, UserId};
pub use jiff::Timestamp;
pub use records::{
    CaseRecords, Dashboard, DashboardLimits, Record, RecordId, RecordsState, Stored,
};
pub use sealing::{InstanceKey, SealError};
pub use sessions::{SessionLookup, SessionPolicy, SessionToken, SignedIn};
pub use throttle::{DeviceToken, ThrottlePolicy};

/// How to open the store.
pub struct StoreConfig {
    pub database_url: String,
    /// Database connections in the pool; 0 for the engine's default.
    pub max_connections: u32,
    pub instance_key: InstanceKey,
    /// How many password hashes may run at once. Each takes 19 MiB for a moment; a cap keeps a
    /// burst of sign-ins from exhausting memory.
    pub max_concurrent_hashes: usize,
    pub sessions: SessionPolicy,
    pub throttle: ThrottlePolicy,
}

/// The one handle to persistence. Cheap to clone; holds no per-user state, so any number of
/// web processes can share one PostgreSQL database.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    db: Database,
    instance_key: InstanceKey,
    hashing: Semaphore,
    /// Checked against when a username does not exist, so a wrong name takes as long as a
    /// wrong password.
    dummy_hash: String,
    sessions: SessionPolicy,
    throttle: ThrottlePolicy,
}

impl Store {
    /// Connects, applies migrations and checks that the instance key is the one this database
    /// was created with (recording it if the database is new).
    pub async fn open(config: StoreConfig, now: Timestamp) -> Result<Self, StoreError> {
        let db = Database::connect(&config.database_url, config.max_connections).await?;
        check_instance_key(&db, &config.instance_key, now).await?;
        let dummy_hash = tokio::task::spawn_blocking(accounts::dummy_hash)
            .await
            .map_err(|_| StoreError::PasswordHash)??;
        let store = Self {
            inner: Arc::new(Inner {
                db,
                instance_key: config.instance_key,
                hashing: Semaphore::new(config.max_concurrent_hashes.max(1)),
                dummy_hash,
                sessions: config.sessions,
                throttle: config.throttle,
            }),
        };
        // Data changes that need the instance key, which SQL migrations cannot use.
        store.upgrade_experience_links().await?;
        Ok(store)
    }

    pub fn engine(&self) -> Engine {
        self.inner.db.engine()
    }

    pub fn session_policy(&self) -> &SessionPolicy {
        &self.inner.sessions
    }

    pub async fn close(&self) {
        self.inner.db.close().await;
    }

    /// Deletes what has expired: sessions past their limits and throttling events too old to
    /// count. Run now and then; correctness never depends on it.
    pub async fn purge_expired(&self, now: Timestamp) -> Result<(), StoreError> {
        self.purge_sessions(now).await?;
        self.purge_throttle_events(now).await
    }

    /// SQLite's journal mode and synchronous level as a pooled connection sees them
    /// (`("wal", 2)` means WAL with synchronous FULL), or `None` on PostgreSQL.
    pub async fn sqlite_durability(&self) -> Result<Option<(String, i64)>, StoreError> {
        if self.engine() != Engine::Sqlite {
            return Ok(None);
        }
        let mut conn = self.pool().acquire().await?;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?;
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?;
        Ok(Some((mode, sync)))
    }

    fn pool(&self) -> &sqlx::AnyPool {
        self.inner.db.pool()
    }
}

async fn check_instance_key(
    db: &Database,
    key: &InstanceKey,
    now: Timestamp,
) -> Result<(), StoreError> {
    // Two servers starting on a new PostgreSQL database at once: the first insert wins and both
    // read back the same check.
    sqlx::query(
        "INSERT INTO instance (id, key_check, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
    )
    .bind(key.key_check()?)
    .bind(now.as_millisecond())
    .execute(db.pool())
    .await?;
    let check: Vec<u8> = sqlx::query_scalar("SELECT key_check FROM instance WHERE id = 1")
        .fetch_one(db.pool())
        .await?;
    if key.matches_key_check(&check) {
        Ok(())
    } else {
        Err(StoreError::WrongInstanceKey)
    }
}

/// Milliseconds since the Unix epoch, as stored.
pub(crate) fn millis(t: Timestamp) -> i64 {
    t.as_millisecond()
}

pub(crate) fn from_millis(ms: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms)
        .map_err(|_| StoreError::Corrupt("timestamp out of range".into()))
}

#[cfg(feature = "testing")]
pub mod testing;
