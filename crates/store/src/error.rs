use crate::sealing::SealError;

/// Everything the store can refuse or fail at. `web` maps each to one response.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database URL must start with sqlite: or postgres:")]
    UnsupportedDatabaseUrl,
    #[error("could not connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("the database files: {0}")]
    Files(String),
    #[error("could not apply database migrations: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error("a migration file name is not VERSION_description.sql")]
    BadMigrationName,
    #[error(
        "the instance key does not match this database: start Heard with the key file it was \
         created with (losing that file means the sealed records cannot be read)"
    )]
    WrongInstanceKey,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database error: {0}")]
    LocalRead(#[source] rusqlite::Error),
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error("a stored record could not be read back: {0}")]
    Corrupt(String),
    #[error("not found")]
    NotFound,
    /// Someone else saved a newer version since this one was read.
    #[error("the record changed since it was read (now at version {current_version})")]
    Conflict { current_version: i64 },
    #[error("that username is taken")]
    UsernameTaken,
    /// Too many attempts from this client lately (making accounts, say).
    #[error("too many attempts from this client: wait until {until}")]
    Throttled { until: jiff::Timestamp },
    #[error("password hashing failed")]
    PasswordHash,
}
