//! Shared experiences: stored without their author, waiting for an operator, published or
//! rejected with a reason, and gone at once when the author withdraws them.
//!
//! Nothing stored in the clear ties an experience to its author. Its id is random, it keeps the
//! month it was shared (not the day or time), and the author keeps no record of it. Instead each experience holds a
//! tag: a keyed hash of its id that only the author's data key can make. The author finds their
//! own by making the tag for each id and comparing; anyone else, an operator or someone with a
//! copy of the database, sees random bytes. Nothing of the author's is written when they share,
//! so no time, row order or count of theirs lines up with it either.

use std::str::FromStr;

use heard_core::choice::Choice;
use heard_core::experience::{ExperienceStatus, Theme, themes_from_text, themes_to_text};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::{Executor, Row};
use uuid::Uuid;

use crate::db::Engine;
use crate::identity::{Owner, sha256_hex};
use crate::sealing::RecordAddress;
use crate::{Store, StoreError, Timestamp};

/// The purpose the author tag is made for. DO NOT CHANGE: stored tags depend on it.
const AUTHOR_TAG: &str = "heard:experience-author:v1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedExperience {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    pub themes: Vec<Theme>,
    pub status: ExperienceStatus,
    /// Why it was rejected or taken down, for the author.
    pub reason: String,
    /// The month it was shared (UTC), as its first day: never the day or the time.
    pub submitted_in: Date,
    /// The day an operator last decided on it (UTC).
    pub decided_on: Option<Date>,
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

const COLUMNS: &str =
    "id, title, body, themes, status, reason, author_tag, submitted_in, decided_on";

fn from_row(row: &AnyRow) -> Result<SharedExperience, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("experience {what}"));
    let id: String = row.try_get("id")?;
    let status: String = row.try_get("status")?;
    let submitted: String = row.try_get("submitted_in")?;
    let decided: Option<String> = row.try_get("decided_on")?;
    let date = |text: &str| Date::from_str(text).map_err(|_| corrupt("date"));
    Ok(SharedExperience {
        id: Uuid::from_str(&id).map_err(|_| corrupt("id"))?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        themes: themes_from_text(&row.try_get::<String, _>("themes")?),
        status: ExperienceStatus::from_id(&status).ok_or_else(|| corrupt("status"))?,
        reason: row.try_get("reason")?,
        submitted_in: date(&format!("{submitted}-01"))?,
        decided_on: decided.as_deref().map(date).transpose()?,
    })
}

/// The month `now` falls in (UTC), `YYYY-MM`: the finest time a shared experience keeps.
fn month_of(now: Timestamp) -> String {
    let day = now.to_zoned_datetime(TimeZone::UTC).date();
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The day `now` falls on (UTC), for an operator's decision.
fn day_of(now: Timestamp) -> String {
    now.to_zoned_datetime(TimeZone::UTC).date().to_string()
}

fn author_tag(author: &Owner, id: Uuid) -> Vec<u8> {
    author.key.tag(AUTHOR_TAG, id.as_bytes()).to_vec()
}

impl Store {
    /// Stores an experience to wait for an operator, and returns its id. Only `author`'s data
    /// key can tell later that it is theirs; nothing of the author's is written.
    pub async fn share_experience(
        &self,
        author: &Owner,
        title: &str,
        body: &str,
        themes: &[Theme],
        now: Timestamp,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_rewrite().await?;
        sqlx::query(
            "INSERT INTO shared_experiences \
             (id, title, body, themes, status, reason, author_tag, submitted_in) \
             VALUES ($1, $2, $3, $4, $5, '', $6, $7)",
        )
        .bind(id.to_string())
        .bind(title)
        .bind(body)
        .bind(themes_to_text(themes))
        .bind(ExperienceStatus::Pending.id())
        .bind(author_tag(author, id))
        .bind(month_of(now))
        .execute(&mut *tx)
        .await?;
        rewrite_in_id_order(&mut tx, true).await?;
        tx.commit().await?;
        let store = self.clone();
        tokio::spawn(async move { store.forget_write_order().await });
        Ok(id)
    }

    /// The author's own experiences, whatever their status, newest first. Every tag is checked
    /// against the author's key: a few microseconds each, so thousands of experiences cost
    /// milliseconds, on a page people rarely open.
    pub async fn my_shared_experiences(
        &self,
        author: &Owner,
    ) -> Result<Vec<SharedExperience>, StoreError> {
        let tags = sqlx::query(
            "SELECT id, author_tag FROM shared_experiences WHERE author_tag IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?;
        let mut mine = Vec::new();
        for row in &tags {
            let id: String = row.try_get("id")?;
            let tag: Option<Vec<u8>> = row.try_get("author_tag")?;
            let Ok(uuid) = Uuid::from_str(&id) else {
                continue;
            };
            if tag.is_some_and(|t| t == author_tag(author, uuid)) {
                let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM shared_experiences WHERE id = $1"
                )))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
                // Withdrawn from another device in the meantime: not there any more.
                if let Some(row) = row {
                    mine.push(from_row(&row)?);
                }
            }
        }
        mine.sort_by(|a, b| b.submitted_in.cmp(&a.submitted_in).then(a.id.cmp(&b.id)));
        Ok(mine)
    }

    /// Experiences with this status: waiting ones oldest first, the others most recently
    /// decided first (within a day, in the order of their random ids).
    pub async fn shared_experiences(
        &self,
        status: ExperienceStatus,
        limit: i64,
    ) -> Result<Vec<SharedExperience>, StoreError> {
        let order = if status == ExperienceStatus::Pending {
            "submitted_in, id"
        } else {
            "decided_on DESC, id"
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM shared_experiences WHERE status = $1 ORDER BY {order} LIMIT $2"
        )))
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
            "UPDATE shared_experiences SET status = $1, reason = $2, decided_on = $3 WHERE id = $4",
        )
        .bind(status.id())
        .bind(reason)
        .bind(day_of(now))
        .bind(id.to_string())
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// The author takes it back: deleted at once, whatever its status. Only the author's key
    /// makes the tag that matches; for anyone else it is not found.
    pub async fn withdraw_experience(&self, author: &Owner, id: Uuid) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM shared_experiences WHERE id = $1 AND author_tag = $2")
            .bind(id.to_string())
            .bind(author_tag(author, id))
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 1 {
            let store = self.clone();
            tokio::spawn(async move { store.forget_write_order().await });
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// Starts a transaction that rewrites shared experiences: on PostgreSQL, one at a time
    /// (reads carry on), so two never rewrite the same rows at once.
    async fn begin_rewrite(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        let mut tx = self.pool().begin().await?;
        if self.engine() == Engine::Postgres {
            (&mut *tx).execute("SET LOCAL lock_timeout = '10s'").await?;
            (&mut *tx)
                .execute("LOCK TABLE shared_experiences IN EXCLUSIVE MODE")
                .await?;
        }
        Ok(tx)
    }

    /// Writes the waiting experiences again (in id order), so the database's own bookkeeping
    /// of who wrote what when points at this, not at the request that shared the newest one:
    /// on PostgreSQL every row carries the transaction that last wrote it, and a request that
    /// shared also touched its author's session. Run now and then by the server; the rows are
    /// then compacted, so no older copies are left behind.
    pub async fn reshuffle_waiting_experiences(&self) -> Result<(), StoreError> {
        let mut tx = self.begin_rewrite().await?;
        rewrite_in_id_order(&mut tx, true).await?;
        tx.commit().await?;
        match self.engine() {
            Engine::Postgres => {
                self.pool()
                    .execute("VACUUM FULL shared_experiences")
                    .await?;
            }
            Engine::Sqlite => self.forget_write_order().await,
        }
        Ok(())
    }

    /// On SQLite, the write-ahead log keeps the pages of recent transactions in the order they
    /// were written: the author's session touched, then their experience stored. Folding it
    /// into the database and emptying it leaves no such order behind. Readers can hold it up,
    /// so it is tried a few times, and said in the log if it could not be done.
    async fn forget_write_order(&self) {
        if self.engine() != Engine::Sqlite {
            return;
        }
        for attempt in 0..6_u32 {
            let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(self.pool())
                .await;
            match row.map(|r| r.try_get::<i64, _>(0)) {
                Ok(Ok(0)) => return,
                Ok(Ok(_busy)) => {}
                Ok(Err(e)) | Err(e) => {
                    tracing::warn!(error = %e, "the write-ahead log could not be emptied");
                    return;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100 << attempt)).await;
        }
        tracing::warn!(
            "the write-ahead log could not be emptied after sharing (busy): it will be at the next checkpoint"
        );
    }

    /// Once, after the upgrade that made experiences anonymous: each author's old link record
    /// (an owner, a kind and a time in the clear) becomes a tag on the experience, with a new
    /// random id, and the record goes. Experiences whose link cannot be opened stay shared
    /// without an author (nobody can withdraw them but an operator). Does nothing afterwards.
    ///
    /// The instance row says what is left to do (1: move the links; 2: clear free space; 0:
    /// nothing), so later starts do not look, and clearing is tried again until it is done.
    pub(crate) async fn upgrade_experience_links(&self) -> Result<(), StoreError> {
        let pending: i64 =
            sqlx::query_scalar("SELECT experience_links_pending FROM instance WHERE id = 1")
                .fetch_one(self.pool())
                .await?;
        if pending == 1 {
            self.move_experience_links().await?;
        }
        if pending != 0 {
            // Not fatal: tried again at the next start.
            if let Err(e) = self.clear_free_space().await {
                tracing::warn!(error = %e, "clearing the space old experience links used failed; it is tried again at the next start");
            }
        }
        Ok(())
    }

    async fn clear_free_space(&self) -> Result<(), StoreError> {
        let rebuild = match self.engine() {
            Engine::Sqlite => "VACUUM",
            Engine::Postgres => "VACUUM FULL records, shared_experiences",
        };
        self.pool().execute(rebuild).await?;
        self.forget_write_order().await;
        sqlx::query("UPDATE instance SET experience_links_pending = 0 WHERE id = 1")
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn move_experience_links(&self) -> Result<(), StoreError> {
        #[derive(Deserialize)]
        struct OldLink {
            shared_id: Uuid,
            token: String,
        }
        // Several servers starting at once: one does it, the others wait and find it done.
        let mut tx = self.begin_rewrite().await?;
        let pending: i64 =
            sqlx::query_scalar("SELECT experience_links_pending FROM instance WHERE id = 1")
                .fetch_one(&mut *tx)
                .await?;
        if pending != 1 {
            return Ok(());
        }
        let links = sqlx::query(
            "SELECT r.owner_id, r.id, r.sealed, u.wrapped_key FROM records r \
             JOIN users u ON u.id = r.owner_id WHERE r.kind = 'shared-experience' \
             ORDER BY r.owner_id, r.id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let (mut moved, mut unreadable) = (0_usize, 0_usize);
        for link in &links {
            let owner: String = link.try_get("owner_id")?;
            let record: String = link.try_get("id")?;
            let sealed: Vec<u8> = link.try_get("sealed")?;
            let wrapped: Vec<u8> = link.try_get("wrapped_key")?;
            let (Ok(owner), Ok(record)) = (Uuid::from_str(&owner), Uuid::from_str(&record)) else {
                unreadable += 1;
                continue;
            };
            let opened = self
                .inner
                .instance_key
                .unwrap(owner, &wrapped)
                .ok()
                .and_then(|key| {
                    let at = RecordAddress {
                        owner,
                        id: record,
                        kind: "shared-experience",
                    };
                    let plain = zeroize::Zeroizing::new(key.open_record(&at, &sealed).ok()?);
                    let link: OldLink = serde_json::from_slice(&plain).ok()?;
                    Some((key, link))
                });
            let Some((key, link)) = opened else {
                unreadable += 1;
                continue;
            };
            let id = Uuid::new_v4();
            let done = sqlx::query(
                "UPDATE shared_experiences SET id = $1, author_tag = $2, legacy_token_hash = NULL \
                 WHERE id = $3 AND legacy_token_hash = $4",
            )
            .bind(id.to_string())
            .bind(key.tag(AUTHOR_TAG, id.as_bytes()).to_vec())
            .bind(link.shared_id.to_string())
            .bind(sha256_hex(&link.token))
            .execute(&mut *tx)
            .await?;
            moved += usize::try_from(done.rows_affected()).unwrap_or_default();
        }
        sqlx::query("DELETE FROM records WHERE kind = 'shared-experience'")
            .execute(&mut *tx)
            .await?;
        // Whatever is left has no author we could find: a new random id all the same, since the
        // old one carried the time it was shared.
        let left: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM shared_experiences WHERE legacy_token_hash IS NOT NULL",
        )
        .fetch_all(&mut *tx)
        .await?;
        for old in &left {
            sqlx::query(
                "UPDATE shared_experiences SET id = $1, legacy_token_hash = NULL WHERE id = $2",
            )
            .bind(Uuid::new_v4().to_string())
            .bind(old)
            .execute(&mut *tx)
            .await?;
        }
        rewrite_in_id_order(&mut tx, false).await?;
        // The deleted links and the old rows leave copies in free space: cleared next.
        sqlx::query("UPDATE instance SET experience_links_pending = 2 WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(
            moved,
            unreadable,
            without_author = left.len(),
            "shared experiences no longer linked to their authors by stored records"
        );
        Ok(())
    }
}

/// Deletes the rows (the waiting ones, or all) and writes them back as they were, in the order
/// of their random ids, so the order they sit in, in the table and in the database's pages,
/// says nothing about which came last. Copied column by column, without reading them into
/// experiences, so nothing is changed on the way.
async fn rewrite_in_id_order(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    waiting_only: bool,
) -> Result<(), StoreError> {
    let filter = if waiting_only {
        " WHERE status = 'pending'"
    } else {
        ""
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM shared_experiences{filter} ORDER BY id"
    )))
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM shared_experiences{filter}"
    )))
    .execute(&mut **tx)
    .await?;
    for row in &rows {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO shared_experiences ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )))
        .bind(row.try_get::<String, _>("id")?)
        .bind(row.try_get::<String, _>("title")?)
        .bind(row.try_get::<String, _>("body")?)
        .bind(row.try_get::<String, _>("themes")?)
        .bind(row.try_get::<String, _>("status")?)
        .bind(row.try_get::<String, _>("reason")?)
        .bind(row.try_get::<Option<Vec<u8>>, _>("author_tag")?)
        .bind(row.try_get::<String, _>("submitted_in")?)
        .bind(row.try_get::<Option<String>, _>("decided_on")?)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
