//! Accounts: registration and sign-in, with Argon2id password hashes.

use std::str::FromStr;

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use argon2::{Algorithm, Argon2, Params, Version};
use heard_core::{NewPassword, Username};
use sqlx::Row;
use uuid::Uuid;

use crate::identity::{Role, UserId};
use crate::sealing::DataKey;
use crate::sessions::{SessionToken, SignedIn};
use crate::throttle::{Action, DeviceToken};
use crate::{Store, StoreError, Timestamp, millis};

/// Why a sign-in did not start a session. Never says whether the username exists.
#[derive(Debug, thiserror::Error)]
pub enum SignInRefused {
    #[error("wrong username or password")]
    WrongUsernameOrPassword,
    #[error("too many failed sign-ins from this client: wait until {until}")]
    Paused { until: Timestamp },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A sign-in that worked: the session, and a new token for the device.
#[derive(Debug)]
pub struct SignedInDevice {
    pub token: SessionToken,
    pub signed_in: SignedIn,
    pub device: DeviceToken,
}

/// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Result<Argon2<'static>, StoreError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| StoreError::PasswordHash)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A hash of a random password with the same parameters, for unknown usernames.
pub(crate) fn dummy_hash() -> Result<String, StoreError> {
    let mut random = [0u8; 16];
    rand::fill(&mut random);
    hash_password(&random)
}

fn hash_password(password: &[u8]) -> Result<String, StoreError> {
    Ok(hasher()?
        .hash_password(password)
        .map_err(|_| StoreError::PasswordHash)?
        .to_string())
}

fn verify_password(password: &[u8], hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    hasher().is_ok_and(|h| h.verify_password(password, &parsed).is_ok())
}

impl Store {
    /// Runs a password hash or check on the blocking pool, at most `max_concurrent_hashes` at a
    /// time.
    async fn hashing<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        let _permit = self
            .inner
            .hashing
            .acquire()
            .await
            .map_err(|_| StoreError::PasswordHash)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|_| StoreError::PasswordHash)
    }

    /// Creates an account with a new random data key, wrapped by the instance key. Each client
    /// may make (or try to make) only so many accounts in a while: `Throttled` says until when
    /// it must wait.
    #[tracing::instrument(skip_all)]
    pub async fn register(
        &self,
        username: &Username,
        password: &NewPassword,
        client: &str,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        // Counted whether or not the name is free: "that name is taken" tells which names exist.
        if let Some(until) = self.count_registration(client, now).await? {
            return Err(StoreError::Throttled { until });
        }
        let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(username.as_str())
            .fetch_optional(self.pool())
            .await?;
        if taken.is_some() {
            return Err(StoreError::UsernameTaken);
        }
        let password = password.expose().as_bytes().to_vec();
        let hash = self.hashing(move || hash_password(&password)).await??;
        let id = UserId(Uuid::new_v4());
        let wrapped = self.inner.instance_key.wrap(id.0, &DataKey::random())?;
        let inserted = sqlx::query(
            "INSERT INTO users (id, username, password_hash, wrapped_key, role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.0.to_string())
        .bind(username.as_str())
        .bind(hash)
        .bind(wrapped)
        .bind(Role::Member.as_str())
        .bind(millis(now))
        .execute(self.pool())
        .await;
        match inserted {
            Ok(_) => {
                tracing::info!(user.id = %id, "account created");
                Ok(id)
            }
            // Two people choosing the same name at the same moment.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(StoreError::UsernameTaken)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Checks a username and password and starts a session, and gives the device a token
    /// that marks it as one its owner uses (see `throttle`). A client that has failed too often
    /// lately must wait before trying again, even with the right password; so must a client
    /// without a device token for an account many clients have failed on. The owner's own
    /// devices are never held up by anyone else's failures.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        client: &str,
        devices: &[DeviceToken],
        now: Timestamp,
    ) -> Result<SignedInDevice, SignInRefused> {
        // Throttle on the name as typed (normalised), whether or not such an account exists,
        // so the response never tells which names are real.
        let account: String = username
            .trim()
            .to_lowercase()
            .chars()
            .take(Username::MAX_CHARS)
            .collect();
        let known = self.knows_device(&account, devices);
        // Waiting already: refused without counting, so hammering does not lengthen the wait.
        if let Some(until) = self
            .sign_in_wait_until(&account, client, known, None, now)
            .await?
        {
            return Err(SignInRefused::Paused { until });
        }
        // Counted as a failure before the password is checked, so tries sent together are all
        // counted; then checked again against every other try counted by now.
        let attempt = self
            .record_throttle_event(Action::SignInFailure, &account, client, now)
            .await?;
        if let Some(until) = self
            .sign_in_wait_until(&account, client, known, Some(&attempt), now)
            .await?
        {
            self.forget_throttle_event(&attempt).await?;
            return Err(SignInRefused::Paused { until });
        }
        let row = sqlx::query("SELECT id, password_hash FROM users WHERE username = $1")
            .bind(&account)
            .fetch_optional(self.pool())
            .await
            .map_err(StoreError::from)?;
        let (user_id, hash) = match row {
            Some(row) => {
                let id: String = row.try_get("id").map_err(StoreError::from)?;
                let hash: String = row.try_get("password_hash").map_err(StoreError::from)?;
                let id = Uuid::from_str(&id).map_err(|_| StoreError::Corrupt("user id".into()))?;
                (Some(UserId(id)), hash)
            }
            None => (None, self.inner.dummy_hash.clone()),
        };
        let password = password.as_bytes().to_vec();
        let matches = self
            .hashing(move || verify_password(&password, &hash))
            .await?;
        match (user_id, matches) {
            (Some(user_id), true) => {
                self.clear_sign_in_failures(&account, client).await?;
                tracing::info!(user.id = %user_id, "signed in");
                let (token, signed_in) = self.start_session(user_id, now).await?;
                Ok(SignedInDevice {
                    token,
                    signed_in,
                    device: self.device_token(&account),
                })
            }
            _ => {
                tracing::info!("sign-in refused: wrong username or password");
                Err(SignInRefused::WrongUsernameOrPassword)
            }
        }
    }

    /// Makes an existing account an operator. Returns false if there is no such account.
    pub async fn set_role(&self, username: &Username, role: Role) -> Result<bool, StoreError> {
        let result = sqlx::query("UPDATE users SET role = $1 WHERE username = $2")
            .bind(role.as_str())
            .bind(username.as_str())
            .execute(self.pool())
            .await?;
        Ok(result.rows_affected() == 1)
    }
}
