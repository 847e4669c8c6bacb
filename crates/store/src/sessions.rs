//! Server-side sessions, so any web process can serve any signed-in person.
//!
//! The browser holds a random token; the database holds only its SHA-256, so a copy of the
//! database cannot be used to sign in as anyone.

use std::fmt;
use std::str::FromStr;

use jiff::SignedDuration;

use sqlx::Row;
use uuid::Uuid;

use crate::identity::{Owner, Role, UserId, random_hex, sha256_hex};
use crate::local::{Param, ReadRow};
use crate::{Store, StoreError, Timestamp, from_millis, millis};

/// How long sessions last.
#[derive(Debug, Clone)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle: SignedDuration,
    /// Signed out this long after signing in, however busy.
    pub absolute: SignedDuration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: SignedDuration::from_mins(30),
            absolute: SignedDuration::from_hours(12),
        }
    }
}

/// The secret the browser holds (256 random bits as hex). Debug never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    fn random() -> Self {
        Self(random_hex())
    }

    pub fn from_cookie(value: &str) -> Self {
        Self(value.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> String {
        sha256_hex(&self.0)
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

/// A signed-in person, as a request sees them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: UserId,
    pub username: String,
    pub role: Role,
    /// Every state-changing request in this session must carry it.
    pub csrf_token: String,
    /// When the session ends if nothing else happens.
    pub idle_expires_at: Timestamp,
    pub owner: Owner,
}

/// What a session cookie turned out to be.
#[derive(Debug)]
pub enum SessionLookup {
    Active(SignedIn),
    /// The session timed out. The name lets the sign-in form be filled in again.
    Ended {
        username: String,
    },
    Unknown,
}

impl Store {
    /// Starts a new session (always a new token: a token from before sign-in is never reused).
    pub async fn start_session(
        &self,
        user_id: UserId,
        now: Timestamp,
    ) -> Result<(SessionToken, SignedIn), StoreError> {
        let token = SessionToken::random();
        let csrf_token = random_hex();
        let policy = &self.inner.sessions;
        let expires_at = now + policy.absolute;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token.hash())
        .bind(user_id.0.to_string())
        .bind(&csrf_token)
        .bind(millis(now))
        .bind(millis(now))
        .bind(millis(expires_at))
        .execute(self.pool())
        .await?;
        match self.session(&token, now).await? {
            SessionLookup::Active(signed_in) => Ok((token, signed_in)),
            _ => Err(StoreError::Corrupt("new session not found".into())),
        }
    }

    /// Looks a session up and, if it is active, records that it was used now.
    pub async fn session(
        &self,
        token: &SessionToken,
        now: Timestamp,
    ) -> Result<SessionLookup, StoreError> {
        let token_hash = token.hash();
        // Every signed-in request makes this query: it is read on the calling thread where it can
        // be (see `local`).
        let rows: Vec<SessionRow> = self
            .inner
            .db
            .read(
                "SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, \
                        u.username, u.role, u.wrapped_key \
                 FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1",
                &[Param::Text(&token_hash)],
            )
            .await?;
        let Some(row) = rows.into_iter().next() else {
            return Ok(SessionLookup::Unknown);
        };
        let username = row.username;
        let last_seen_at = from_millis(row.last_seen_at)?;
        let expires_at = from_millis(row.expires_at)?;
        let policy = &self.inner.sessions;
        if now >= expires_at || now >= last_seen_at + policy.idle {
            return Ok(SessionLookup::Ended { username });
        }
        // Write at most every 15 seconds: a page load with its assets is one write, not several.
        let last_seen_at = if now.duration_since(last_seen_at) >= SignedDuration::from_secs(15) {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(millis(now))
                .bind(&token_hash)
                .execute(self.pool())
                .await?;
            now
        } else {
            last_seen_at
        };
        let user_id = UserId(
            Uuid::from_str(&row.user_id).map_err(|_| StoreError::Corrupt("user id".into()))?,
        );
        let key = self
            .inner
            .instance_key
            .unwrap(user_id.0, &row.wrapped_key)?;
        Ok(SessionLookup::Active(SignedIn {
            user_id,
            username,
            role: Role::parse(&row.role),
            csrf_token: row.csrf_token,
            idle_expires_at: (last_seen_at + policy.idle).min(expires_at),
            owner: Owner { id: user_id, key },
        }))
    }

    /// Ends a session on the server: the token is useless from now on.
    pub async fn end_session(&self, token: &SessionToken) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token.hash())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ended sessions are kept a day so a person whose session timed out mid-form is greeted by
    /// name; after that they go.
    pub(crate) async fn purge_sessions(&self, now: Timestamp) -> Result<(), StoreError> {
        let grace = SignedDuration::from_hours(24);
        let idle = self.inner.sessions.idle;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2")
            .bind(millis(now - grace))
            .bind(millis(now - grace - idle))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// A session and its person, as the lookup reads them.
struct SessionRow {
    user_id: String,
    csrf_token: String,
    last_seen_at: i64,
    expires_at: i64,
    username: String,
    role: String,
    wrapped_key: Vec<u8>,
}

impl ReadRow for SessionRow {
    fn from_any(row: &sqlx::any::AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            user_id: row.try_get("user_id")?,
            csrf_token: row.try_get("csrf_token")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
            username: row.try_get("username")?,
            role: row.try_get("role")?,
            wrapped_key: row.try_get("wrapped_key")?,
        })
    }

    fn from_local(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            user_id: row.get(0)?,
            csrf_token: row.get(1)?,
            last_seen_at: row.get(2)?,
            expires_at: row.get(3)?,
            username: row.get(4)?,
            role: row.get(5)?,
            wrapped_key: row.get(6)?,
        })
    }
}
