//! Shared experiences: stored without their author, waiting for an operator, published or
//! rejected with a reason, and gone at once when the author withdraws them.

use std::str::FromStr;

use heard_core::consultation::Choice;
use heard_core::experience::{ExperienceStatus, Theme, themes_from_text, themes_to_text};
use sqlx::Row;
use uuid::Uuid;

use crate::sessions::{random_hex, sha256_hex};
use crate::{Store, StoreError, Timestamp, millis};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedExperience {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    pub themes: Vec<Theme>,
    pub status: ExperienceStatus,
    /// Why it was rejected or taken down, for the author.
    pub reason: String,
    pub submitted_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// What an operator decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moderation {
    Publish,
    Reject {
        reason: String,
    },
    /// Take a published one down again.
    Unpublish {
        reason: String,
    },
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<SharedExperience, StoreError> {
    let id: String = row.try_get("id")?;
    let status: String = row.try_get("status")?;
    let submitted: i64 = row.try_get("submitted_at")?;
    let decided: Option<i64> = row.try_get("decided_at")?;
    let at = |ms: i64| {
        Timestamp::from_millisecond(ms).map_err(|_| StoreError::Corrupt("experience time".into()))
    };
    Ok(SharedExperience {
        id: Uuid::from_str(&id).map_err(|_| StoreError::Corrupt("experience id".into()))?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        themes: themes_from_text(&row.try_get::<String, _>("themes")?),
        status: ExperienceStatus::from_id(&status)
            .ok_or_else(|| StoreError::Corrupt("experience status".into()))?,
        reason: row.try_get("reason")?,
        submitted_at: at(submitted)?,
        decided_at: decided.map(at).transpose()?,
    })
}

impl Store {
    /// Stores an experience to wait for an operator. Returns its id and the token that lets
    /// its author withdraw it (keep the token sealed with the author's records).
    pub async fn share_experience(
        &self,
        title: &str,
        body: &str,
        themes: &[Theme],
        now: Timestamp,
    ) -> Result<(Uuid, String), StoreError> {
        let id = Uuid::now_v7();
        let token = random_hex();
        sqlx::query(
            "INSERT INTO shared_experiences (id, title, body, themes, status, reason, token_hash, submitted_at) \
             VALUES ($1, $2, $3, $4, $5, '', $6, $7)",
        )
        .bind(id.to_string())
        .bind(title)
        .bind(body)
        .bind(themes_to_text(themes))
        .bind(ExperienceStatus::Pending.id())
        .bind(sha256_hex(&token))
        .bind(millis(now))
        .execute(self.pool())
        .await?;
        Ok((id, token))
    }

    /// One experience, whatever its status (for its author, who knows its id).
    pub async fn shared_experience(&self, id: Uuid) -> Result<SharedExperience, StoreError> {
        let row = sqlx::query(
            "SELECT id, title, body, themes, status, reason, submitted_at, decided_at \
             FROM shared_experiences WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        from_row(&row)
    }

    /// Experiences with this status: waiting ones oldest first, the others newest first.
    pub async fn shared_experiences(
        &self,
        status: ExperienceStatus,
        limit: i64,
    ) -> Result<Vec<SharedExperience>, StoreError> {
        let query = if status == ExperienceStatus::Pending {
            sqlx::query(
                "SELECT id, title, body, themes, status, reason, submitted_at, decided_at \
                 FROM shared_experiences WHERE status = $1 ORDER BY submitted_at, id LIMIT $2",
            )
        } else {
            sqlx::query(
                "SELECT id, title, body, themes, status, reason, submitted_at, decided_at \
                 FROM shared_experiences WHERE status = $1 \
                 ORDER BY decided_at DESC, id DESC LIMIT $2",
            )
        };
        let rows = query
            .bind(status.id())
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// An operator's decision. Not found if it was withdrawn meanwhile.
    pub async fn moderate_experience(
        &self,
        id: Uuid,
        decision: &Moderation,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let (status, reason) = match decision {
            Moderation::Publish => (ExperienceStatus::Published, ""),
            Moderation::Reject { reason } | Moderation::Unpublish { reason } => {
                (ExperienceStatus::Rejected, reason.as_str())
            }
        };
        let done = sqlx::query(
            "UPDATE shared_experiences SET status = $1, reason = $2, decided_at = $3 WHERE id = $4",
        )
        .bind(status.id())
        .bind(reason)
        .bind(millis(now))
        .bind(id.to_string())
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// The author takes it back: deleted at once, whatever its status. Only the token made when
    /// it was shared can do this.
    pub async fn withdraw_experience(&self, id: Uuid, token: &str) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM shared_experiences WHERE id = $1 AND token_hash = $2")
            .bind(id.to_string())
            .bind(sha256_hex(token))
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }
}
