//! Private calendar feeds: a long random token in a URL that a calendar app subscribes to.
//! The token is found by its SHA-256; the token itself is kept sealed with its owner's data key
//! so the owner can see the address again, and replacing it makes the old address useless.

use std::str::FromStr;

use sqlx::Row;
use uuid::Uuid;

use crate::identity::{Owner, UserId, random_hex, sha256_hex};
use crate::sealing::RecordAddress;
use crate::{Store, StoreError, Timestamp, millis};

/// Bound into the sealed token; never change it.
const FEED_KIND: &str = "calendar-feed";

/// A person's feed as they see it in their settings.
#[derive(Clone, PartialEq, Eq)]
pub struct CalendarFeed {
    pub token: String,
    /// Titles say what it is ("Oncology review") rather than just "Heard: appointment".
    pub show_details: bool,
}

impl std::fmt::Debug for CalendarFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CalendarFeed")
            .field("show_details", &self.show_details)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The owner's feed, if they have made one.
    pub async fn calendar_feed(&self, owner: &Owner) -> Result<Option<CalendarFeed>, StoreError> {
        let row =
            sqlx::query("SELECT sealed_token, show_details FROM calendar_feeds WHERE user_id = $1")
                .bind(owner.id.0.to_string())
                .fetch_optional(self.pool())
                .await?;
        let Some(row) = row else { return Ok(None) };
        let sealed: Vec<u8> = row.try_get("sealed_token")?;
        let show_details: i64 = row.try_get("show_details")?;
        let token = owner.key.open_record(&address(owner), &sealed)?;
        let token =
            String::from_utf8(token).map_err(|_| StoreError::Corrupt("feed token".into()))?;
        Ok(Some(CalendarFeed {
            token,
            show_details: show_details != 0,
        }))
    }

    /// Makes a new feed address, replacing any old one (which stops working at once).
    pub async fn replace_calendar_feed(
        &self,
        owner: &Owner,
        show_details: bool,
        now: Timestamp,
    ) -> Result<CalendarFeed, StoreError> {
        let token = random_hex();
        let sealed = owner.key.seal_record(&address(owner), token.as_bytes())?;
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(owner.id.0.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, sealed_token, show_details, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(owner.id.0.to_string())
        .bind(sha256_hex(&token))
        .bind(sealed)
        .bind(i64::from(show_details))
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(CalendarFeed {
            token,
            show_details,
        })
    }

    /// Changes what the feed shows, keeping its address.
    pub async fn set_calendar_feed_details(
        &self,
        owner: &Owner,
        show_details: bool,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE calendar_feeds SET show_details = $1 WHERE user_id = $2")
            .bind(i64::from(show_details))
            .bind(owner.id.0.to_string())
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// Turns the feed off: the address stops working.
    pub async fn remove_calendar_feed(&self, owner: &Owner) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(owner.id.0.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Whose feed a token opens, with what it should show. An unknown or replaced token opens
    /// nothing.
    pub async fn calendar_feed_owner(
        &self,
        token: &str,
    ) -> Result<Option<(Owner, bool)>, StoreError> {
        // A token is 64 hex characters; anything else is not worth a query.
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT f.user_id, f.show_details, u.wrapped_key FROM calendar_feeds f \
             JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1",
        )
        .bind(sha256_hex(token))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user_id: String = row.try_get("user_id")?;
        let user_id =
            UserId(Uuid::from_str(&user_id).map_err(|_| StoreError::Corrupt("user id".into()))?);
        let wrapped: Vec<u8> = row.try_get("wrapped_key")?;
        let key = self.inner.instance_key.unwrap(user_id.0, &wrapped)?;
        let show_details: i64 = row.try_get("show_details")?;
        Ok(Some((Owner { id: user_id, key }, show_details != 0)))
    }
}

fn address(owner: &Owner) -> RecordAddress<'static> {
    RecordAddress {
        owner: owner.id.0,
        id: owner.id.0,
        kind: FEED_KIND,
    }
}
