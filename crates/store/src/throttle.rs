//! Limits that make guessing slow without locking owners out.
//!
//! - Failed sign-ins slow down the client that makes them: for that account (after three), and
//!   across accounts (after twenty). Each further try waits, the wait doubling up to a ceiling.
//! - Failures to one account from many clients (someone with many addresses) slow down every
//!   client *except* the devices the owner has signed in on before, which hold a device token.
//!   So the owner is never held up on their own phone, whatever happens elsewhere.
//! - Account creation is limited per client.
//!
//! An attempt is counted before the password is checked (and removed if it was right), so tries
//! sent together cannot all slip through before any is counted. Events are rows in the database,
//! so every web process enforces the same limits. Accounts and client addresses are stored only
//! as keyed hashes (a key derived from the instance key): enough to count with, and nothing to a
//! copy of the database.

use jiff::SignedDuration;
use sqlx::Row;
use uuid::Uuid;

use crate::{Store, StoreError, Timestamp, from_millis, millis};

#[derive(Debug, Clone)]
pub struct ThrottlePolicy {
    /// Events older than this no longer count.
    pub window: SignedDuration,
    /// Failed sign-ins to one account from one client before each further try must wait.
    pub free_per_account_and_client: u32,
    /// Failed sign-ins from one client, to any accounts, before each further try must wait.
    pub free_per_client: u32,
    /// Failed sign-ins to one account from all clients before clients without a device token
    /// for it must wait.
    pub free_per_account: u32,
    /// The first wait; each failure after it doubles the wait, up to `longest_wait`.
    pub first_wait: SignedDuration,
    pub longest_wait: SignedDuration,
    /// Accounts one client may create (or try to: a name that is taken counts) in the window.
    /// At least 1.
    pub registrations_per_client: u32,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            window: SignedDuration::from_hours(1),
            free_per_account_and_client: 3,
            free_per_client: 20,
            free_per_account: 20,
            first_wait: SignedDuration::from_secs(2),
            longest_wait: SignedDuration::from_mins(15),
            registrations_per_client: 20,
        }
    }
}

impl ThrottlePolicy {
    /// How long to wait after the latest of `count` failures, given `free` of them cost nothing:
    /// none, then `first_wait`, doubling with each failure, never more than `longest_wait`.
    fn wait_after(&self, count: u32, free: u32) -> Option<SignedDuration> {
        let over = count.checked_sub(free)?;
        let doubled = self
            .first_wait
            .checked_mul(1_i32.checked_shl(over.min(30)).unwrap_or(i32::MAX))
            .unwrap_or(self.longest_wait);
        Some(doubled.min(self.longest_wait))
    }
}

/// What is being limited. The text is stored: never change one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    SignInFailure,
    Register,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::SignInFailure => "sign-in-failure",
            Action::Register => "register",
        }
    }
}

/// Which events to count.
#[derive(Clone, Copy)]
enum Scope<'a> {
    AccountAndClient(&'a str, &'a str),
    Client(&'a str),
    Account(&'a str),
}

/// The number of events in the window and the time of the latest.
struct Recent {
    count: u32,
    latest: Option<Timestamp>,
}

/// A token a device gets when its owner signs in, proving later that it has signed in to that
/// account before. Kept in a long-lived cookie; worthless for any other account or instance.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceToken(String);

impl DeviceToken {
    pub fn from_cookie(value: &str) -> Self {
        Self(value.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DeviceToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceToken(<redacted>)")
    }
}

impl Store {
    fn account_key(&self, account: &str) -> String {
        self.inner
            .instance_key
            .keyed_hash("heard:throttle-account:v1", account.as_bytes())
    }

    fn client_key(&self, client: &str) -> String {
        self.inner
            .instance_key
            .keyed_hash("heard:throttle-client:v1", client.as_bytes())
    }

    /// A new device token for this account (the name as typed, normalised).
    pub(crate) fn device_token(&self, account: &str) -> DeviceToken {
        let nonce = crate::identity::random_hex();
        let nonce = &nonce[..32];
        DeviceToken(format!("{nonce}.{}", self.device_mac(account, nonce)))
    }

    fn device_mac(&self, account: &str, nonce: &str) -> String {
        let mac = self
            .inner
            .instance_key
            .keyed_hash("heard:device:v1", format!("{account}\n{nonce}").as_bytes());
        mac[..32].to_owned()
    }

    /// Whether any of these tokens was given to a device that signed in to this account.
    pub(crate) fn knows_device(&self, account: &str, tokens: &[DeviceToken]) -> bool {
        tokens.iter().any(|t| {
            t.0.split_once('.').is_some_and(|(nonce, mac)| {
                use subtle::ConstantTimeEq;
                nonce.len() == 32
                    && bool::from(
                        mac.as_bytes()
                            .ct_eq(self.device_mac(account, nonce).as_bytes()),
                    )
            })
        })
    }

    /// If this client must wait before trying this account again, until when. `known_device`:
    /// the client holds a device token for the account. `leaving_out`: an attempt just counted,
    /// not to be counted against itself.
    pub(crate) async fn sign_in_wait_until(
        &self,
        account: &str,
        client: &str,
        known_device: bool,
        leaving_out: Option<&str>,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        let policy = &self.inner.throttle;
        let mut rules = vec![
            (
                Scope::AccountAndClient(account, client),
                policy.free_per_account_and_client,
            ),
            (Scope::Client(client), policy.free_per_client),
        ];
        if !known_device {
            rules.push((Scope::Account(account), policy.free_per_account));
        }
        let mut until: Option<Timestamp> = None;
        for (scope, free) in rules {
            let recent = self
                .recent(Action::SignInFailure, scope, leaving_out, now)
                .await?;
            if let (Some(latest), Some(wait)) =
                (recent.latest, policy.wait_after(recent.count, free))
            {
                until = until.max(Some(latest + wait));
            }
        }
        Ok(until.filter(|until| *until > now))
    }

    /// Counts a registration by this client, then says whether it was one too many: if so, until
    /// when the client must wait. Counted first, so requests sent together count together.
    pub(crate) async fn count_registration(
        &self,
        client: &str,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        let policy = &self.inner.throttle;
        self.record_throttle_event(Action::Register, "", client, now)
            .await?;
        let since = millis(now - policy.window);
        // With this one counted: if there are more than the limit in the window, this is one too
        // many, and one more may go when the oldest of the last `limit + 1` leaves the window.
        let row = sqlx::query(
            "SELECT at FROM throttle_events WHERE action = $1 AND client = $2 AND at > $3 \
             ORDER BY at DESC LIMIT 1 OFFSET $4",
        )
        .bind(Action::Register.as_str())
        .bind(self.client_key(client))
        .bind(since)
        .bind(i64::from(policy.registrations_per_client.max(1)))
        .fetch_optional(self.pool())
        .await?;
        let over = row.map(|r| from_millis(r.try_get("at")?)).transpose()?;
        Ok(over
            .map(|at| at + policy.window)
            .filter(|until| *until > now))
    }

    async fn recent(
        &self,
        action: Action,
        scope: Scope<'_>,
        leaving_out: Option<&str>,
        now: Timestamp,
    ) -> Result<Recent, StoreError> {
        let since = millis(now - self.inner.throttle.window);
        let (filter, keys) = match scope {
            Scope::AccountAndClient(account, client) => (
                "account = $2 AND client = $3",
                vec![self.account_key(account), self.client_key(client)],
            ),
            Scope::Client(client) => ("client = $2", vec![self.client_key(client)]),
            Scope::Account(account) => ("account = $2", vec![self.account_key(account)]),
        };
        let n = keys.len();
        let sql = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n, MAX(at) AS latest FROM throttle_events \
             WHERE action = $1 AND {filter} AND at > ${} AND id <> ${}",
            n + 2,
            n + 3
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(action.as_str());
        for key in keys {
            query = query.bind(key);
        }
        let row = query
            .bind(since)
            .bind(leaving_out.unwrap_or_default().to_owned())
            .fetch_one(self.pool())
            .await?;
        let count: i64 = row.try_get("n")?;
        let latest: Option<i64> = row.try_get("latest")?;
        Ok(Recent {
            count: u32::try_from(count).unwrap_or(u32::MAX),
            latest: latest.map(from_millis).transpose()?,
        })
    }

    /// Records an event and returns its id.
    pub(crate) async fn record_throttle_event(
        &self,
        action: Action,
        account: &str,
        client: &str,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let id = Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO throttle_events (id, action, account, client, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(action.as_str())
        .bind(self.account_key(account))
        .bind(self.client_key(client))
        .bind(millis(now))
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    pub(crate) async fn forget_throttle_event(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM throttle_events WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A successful sign-in wipes that client's failures for the account: its owner is back in.
    pub(crate) async fn clear_sign_in_failures(
        &self,
        account: &str,
        client: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "DELETE FROM throttle_events WHERE action = $1 AND account = $2 AND client = $3",
        )
        .bind(Action::SignInFailure.as_str())
        .bind(self.account_key(account))
        .bind(self.client_key(client))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub(crate) async fn purge_throttle_events(&self, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM throttle_events WHERE at < $1")
            .bind(millis(now - self.inner.throttle.window))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_the_free_tries_double_and_stop_growing() {
        let policy = ThrottlePolicy::default();
        assert_eq!(policy.wait_after(0, 3), None);
        assert_eq!(policy.wait_after(2, 3), None);
        assert_eq!(policy.wait_after(3, 3), Some(SignedDuration::from_secs(2)));
        assert_eq!(policy.wait_after(4, 3), Some(SignedDuration::from_secs(4)));
        assert_eq!(policy.wait_after(6, 3), Some(SignedDuration::from_secs(16)));
        assert_eq!(
            policy.wait_after(40, 3),
            Some(SignedDuration::from_mins(15))
        );
        assert_eq!(
            policy.wait_after(u32::MAX, 0),
            Some(SignedDuration::from_mins(15))
        );
    }
}
