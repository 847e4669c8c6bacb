//! Limits that make guessing slow without locking anyone out: sign-in failures slow down the
//! client that makes them (for that account, and across accounts), never the account's owner
//! on another device; account creation is limited per client.
//!
//! Events are rows in the database, so every web process enforces the same limits. The account
//! and the client address are stored only as keyed hashes (a key derived from the instance
//! key): enough to count with, and nothing to a copy of the database.

use jiff::SignedDuration;
use sqlx::Row;

use crate::{Store, StoreError, Timestamp, from_millis, millis};

#[derive(Debug, Clone)]
pub struct ThrottlePolicy {
    /// Events older than this no longer count.
    pub window: SignedDuration,
    /// Failed sign-ins to one account from one client before each further try must wait.
    pub free_per_account_and_client: u32,
    /// Failed sign-ins from one client, to any accounts, before each further try must wait.
    pub free_per_client: u32,
    /// The first wait; each failure after it doubles the wait, up to `longest_wait`.
    pub first_wait: SignedDuration,
    pub longest_wait: SignedDuration,
    /// Accounts one client may create (or try to: a name that is taken counts) in the window.
    pub registrations_per_client: u32,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            window: SignedDuration::from_hours(1),
            free_per_account_and_client: 3,
            free_per_client: 20,
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

/// The number of events in the window and the time of the latest.
struct Recent {
    count: u32,
    latest: Option<Timestamp>,
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

    /// If this client must wait before trying this account again, until when.
    ///
    /// A client with no recent failures is never made to wait, so an account's owner can always
    /// sign in from their own device, whatever someone else is doing to the account elsewhere.
    /// Refused attempts are not recorded: hammering during a wait does not lengthen it.
    pub(crate) async fn sign_in_wait_until(
        &self,
        account: &str,
        client: &str,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        let policy = &self.inner.throttle;
        let pair = self
            .recent(Action::SignInFailure, Some(account), client, now)
            .await?;
        let by_client = self
            .recent(Action::SignInFailure, None, client, now)
            .await?;
        let until = [
            (pair, policy.free_per_account_and_client),
            (by_client, policy.free_per_client),
        ]
        .into_iter()
        .filter_map(|(recent, free)| Some(recent.latest? + policy.wait_after(recent.count, free)?))
        .max();
        Ok(until.filter(|until| *until > now))
    }

    /// If this client has made or tried to make too many accounts lately, until when it must
    /// wait.
    pub(crate) async fn registration_wait_until(
        &self,
        client: &str,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        let policy = &self.inner.throttle;
        let since = millis(now - policy.window);
        // The oldest registration that still counts: when it leaves the window, one more may go.
        let row = sqlx::query(
            "SELECT at FROM throttle_events WHERE action = $1 AND client = $2 AND at > $3 \
             ORDER BY at DESC LIMIT 1 OFFSET $4",
        )
        .bind(Action::Register.as_str())
        .bind(self.client_key(client))
        .bind(since)
        .bind(i64::from(policy.registrations_per_client.max(1) - 1))
        .fetch_optional(self.pool())
        .await?;
        let nth = row.map(|r| from_millis(r.try_get("at")?)).transpose()?;
        Ok(nth
            .map(|at| at + policy.window)
            .filter(|until| *until > now))
    }

    async fn recent(
        &self,
        action: Action,
        account: Option<&str>,
        client: &str,
        now: Timestamp,
    ) -> Result<Recent, StoreError> {
        let since = millis(now - self.inner.throttle.window);
        let row = match account {
            Some(account) => {
                sqlx::query(
                    "SELECT COUNT(*) AS n, MAX(at) AS latest FROM throttle_events \
                     WHERE action = $1 AND account = $2 AND client = $3 AND at > $4",
                )
                .bind(action.as_str())
                .bind(self.account_key(account))
                .bind(self.client_key(client))
                .bind(since)
                .fetch_one(self.pool())
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT COUNT(*) AS n, MAX(at) AS latest FROM throttle_events \
                     WHERE action = $1 AND client = $2 AND at > $3",
                )
                .bind(action.as_str())
                .bind(self.client_key(client))
                .bind(since)
                .fetch_one(self.pool())
                .await?
            }
        };
        let count: i64 = row.try_get("n")?;
        let latest: Option<i64> = row.try_get("latest")?;
        Ok(Recent {
            count: u32::try_from(count).unwrap_or(u32::MAX),
            latest: latest.map(from_millis).transpose()?,
        })
    }

    pub(crate) async fn record_throttle_event(
        &self,
        action: Action,
        account: &str,
        client: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO throttle_events (action, account, client, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(action.as_str())
        .bind(self.account_key(account))
        .bind(self.client_key(client))
        .bind(millis(now))
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
