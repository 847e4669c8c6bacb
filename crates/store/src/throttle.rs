//! Sign-in throttling. Failures are rows in the database, so every web process enforces the
//! same limits.

use jiff::SignedDuration;
use sqlx::Row;

use crate::{Store, StoreError, Timestamp, from_millis, millis};

#[derive(Debug, Clone)]
pub struct ThrottlePolicy {
    /// Failures older than this no longer count.
    pub window: SignedDuration,
    /// Failures for one account within the window before sign-in to it pauses.
    pub max_per_account: u32,
    /// Failures from one client address within the window before its sign-ins pause.
    pub max_per_client: u32,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            window: SignedDuration::from_mins(5),
            max_per_account: 10,
            max_per_client: 50,
        }
    }
}

impl Store {
    /// If sign-in is paused for this account or client, until when.
    ///
    /// Sign-in pauses once the limit of failures falls within the window, and resumes when the
    /// oldest of them leaves it. Refused attempts are not recorded, so someone hammering an
    /// account cannot keep its owner locked out for ever.
    pub(crate) async fn sign_in_paused_until(
        &self,
        account: &str,
        client: &str,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        let policy = &self.inner.throttle;
        let since = millis(now - policy.window);
        let by_account = self
            .nth_latest_failure(
                "SELECT at FROM sign_in_failures WHERE account = $1 AND at > $2 \
                                 ORDER BY at DESC LIMIT 1 OFFSET $3",
                account,
                since,
                policy.max_per_account,
            )
            .await?;
        let by_client = self
            .nth_latest_failure(
                "SELECT at FROM sign_in_failures WHERE client = $1 AND at > $2 \
                                 ORDER BY at DESC LIMIT 1 OFFSET $3",
                client,
                since,
                policy.max_per_client,
            )
            .await?;
        let until = [by_account, by_client]
            .into_iter()
            .flatten()
            .map(|at| at + policy.window)
            .max();
        Ok(until.filter(|until| *until > now))
    }

    /// The time of the `n`th most recent failure since `since`, if there were that many.
    async fn nth_latest_failure(
        &self,
        sql: &'static str,
        key: &str,
        since: i64,
        n: u32,
    ) -> Result<Option<Timestamp>, StoreError> {
        let row = sqlx::query(sql)
            .bind(key)
            .bind(since)
            .bind(i64::from(n.max(1) - 1))
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| from_millis(r.try_get("at")?)).transpose()
    }

    pub(crate) async fn record_sign_in_failure(
        &self,
        account: &str,
        client: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sign_in_failures (account, client, at) VALUES ($1, $2, $3)")
            .bind(account)
            .bind(client)
            .bind(millis(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A successful sign-in wipes the account's failures: its owner is back in.
    pub(crate) async fn clear_sign_in_failures(&self, account: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE account = $1")
            .bind(account)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub(crate) async fn purge_sign_in_failures(&self, now: Timestamp) -> Result<(), StoreError> {
        let policy = &self.inner.throttle;
        sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
            .bind(millis(now - policy.window))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
