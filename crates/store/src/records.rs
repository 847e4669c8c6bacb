//! The record store: a person's data, sealed, typed, scoped to its owner, with versions.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::identity::Owner;
use crate::local::{Param, ReadRow};
use crate::sealing::RecordAddress;
use crate::{Store, StoreError, Timestamp, from_millis, millis};

/// Something a person keeps in Heard. Its `KIND` is stored in the clear and bound into the
/// seal: never change a kind once records of it exist.
pub trait Record: Serialize + DeserializeOwned + Send + Sync + 'static {
    const KIND: &'static str;

    /// When this record next needs attention (an appointment's start, a deadline), stored in the
    /// clear so "what is coming up" can be read without opening every record. None by default.
    fn reminder_at(&self) -> Option<Timestamp> {
        None
    }

    /// The record this one belongs to, if any (a consultation, for its in-room entries). Kept
    /// in the clear to find children, and checked against the sealed value on every read.
    fn parent(&self) -> Option<Uuid> {
        None
    }
}

impl Record for heard_core::Note {
    const KIND: &'static str = "note";
}

impl Record for heard_core::room::RoomEntry {
    const KIND: &'static str = "room-entry";

    fn parent(&self) -> Option<Uuid> {
        Some(self.consultation)
    }
}

impl Record for heard_core::reflection::Reflection {
    const KIND: &'static str = "reflection";

    fn parent(&self) -> Option<Uuid> {
        Some(self.consultation)
    }
}

impl Record for heard_core::letter::LetterDraft {
    const KIND: &'static str = "letter";

    /// A sent letter is remembered until its reply is due.
    fn reminder_at(&self) -> Option<Timestamp> {
        match &self.status {
            heard_core::letter::LetterStatus::Sent {
                reply_due: Some(due),
                ..
            } => due
                .to_zoned_datetime(heard_core::time::london())
                .ok()
                .map(|z| z.timestamp()),
            _ => None,
        }
    }
}

impl Record for heard_core::concern::Concern {
    const KIND: &'static str = "concern";
}

impl Record for heard_core::concern::ConcernEvent {
    const KIND: &'static str = "concern-event";

    fn parent(&self) -> Option<Uuid> {
        Some(self.concern)
    }
}

/// A copy made from the concern, event and letter records (see [`Store::case_records`]).
impl Record for heard_core::open_cases::OpenCases {
    const KIND: &'static str = "open-cases";
}

impl Record for heard_core::letter::MyDetails {
    const KIND: &'static str = "my-details";
}

impl Record for heard_core::Consultation {
    const KIND: &'static str = "consultation";

    fn reminder_at(&self) -> Option<Timestamp> {
        Some(self.starts().timestamp())
    }
}

#[cfg(feature = "testing")]
impl Store {
    /// The owner of a user's records, unwrapped with the instance key as a session would: for
    /// tests that build a user without signing in.
    pub async fn owner_for_tests(&self, user: uuid::Uuid) -> Result<Owner, StoreError> {
        let wrapped: Vec<u8> = sqlx::query_scalar("SELECT wrapped_key FROM users WHERE id = $1")
            .bind(user.to_string())
            .fetch_one(self.pool())
            .await?;
        let key = self.inner.instance_key.unwrap(user, &wrapped)?;
        Ok(Owner {
            id: crate::identity::UserId(user),
            key,
        })
    }
}

impl fmt::Debug for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Owner")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A record's id: a UUID (v7, so ids sort by creation). Unique per owner: the same id can name
/// records of two people, and neither can see or block the other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(Uuid);

impl RecordId {
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    pub fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl Default for RecordId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for RecordId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::from_str(s).map(Self)
    }
}

/// How much the dashboard shows.
#[derive(Debug, Clone, Copy)]
pub struct DashboardLimits {
    pub notes: i64,
    pub upcoming: i64,
    pub past: i64,
}

/// What [`Store::dashboard`] returns.
#[derive(Debug, Default)]
pub struct Dashboard {
    /// Newest first.
    pub notes: Vec<Stored<heard_core::Note>>,
    /// Soonest first.
    pub upcoming: Vec<Stored<heard_core::Consultation>>,
    /// Most recent first.
    pub past: Vec<Stored<heard_core::Consultation>>,
    /// Filed under the past consultations, oldest first.
    pub room_entries: Vec<Stored<heard_core::room::RoomEntry>>,
    pub reflections: Vec<Stored<heard_core::reflection::Reflection>>,
    /// The stored copy of the open concerns and their timelines, if there is one that opens.
    /// It is only current if its `made_from` matches `case_records`.
    pub open_cases: Option<Stored<heard_core::open_cases::OpenCases>>,
    /// The state of the concern, event and letter records now.
    pub case_records: RecordsState,
}

/// The concern, event and letter records, read together (one query, so one consistent view).
#[derive(Debug, Default)]
pub struct CaseRecords {
    /// Oldest first.
    pub concerns: Vec<Stored<heard_core::concern::Concern>>,
    /// Oldest first.
    pub events: Vec<Stored<heard_core::concern::ConcernEvent>>,
    /// Oldest first.
    pub letters: Vec<Stored<heard_core::letter::LetterDraft>>,
    pub state: RecordsState,
}

/// A summary of a set of records, read without opening them, that changes whenever one of them
/// is added, changed or deleted: their count, the sums of their versions and times, and the
/// greatest id. (An edit raises a version; a record added later than the one deleted moves the
/// sum of times; one added in the same millisecond has a new id.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordsState {
    count: i64,
    versions: i64,
    created: i64,
    updated: i64,
    last_id: String,
}

impl RecordsState {
    /// From the row [`case_records_sql`] makes.
    fn from_row(row: &UnionRow) -> Self {
        Self {
            count: row.record.version,
            versions: row.reminder_at.unwrap_or_default(),
            created: row.record.created_at,
            updated: row.record.updated_at,
            last_id: row.record.id.clone(),
        }
    }
}

impl fmt::Display for RecordsState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{}.{}.{}",
            self.count, self.versions, self.created, self.updated, self.last_id
        )
    }
}

/// The columns of a [`UnionRow`], in the order its `from_local` reads them.
macro_rules! union_columns {
    () => {
        "id, kind, version, created_at, updated_at, sealed, reminder_at, parent_id"
    };
}

/// One row, in the records' columns, with the [`RecordsState`] of the owner's (`$1`) concern,
/// event and letter records. Both queries that read it use this one text, so they agree.
macro_rules! case_records_sql {
    () => {
        "SELECT COALESCE(MAX(id), '') AS id, '#case-records' AS kind, \
                CAST(COUNT(*) AS BIGINT) AS version, \
                CAST(COALESCE(SUM(created_at), 0) AS BIGINT) AS created_at, \
                CAST(COALESCE(SUM(updated_at), 0) AS BIGINT) AS updated_at, NULL AS sealed, \
                CAST(COALESCE(SUM(version), 0) AS BIGINT) AS reminder_at, NULL AS parent_id \
         FROM records WHERE owner_id = $1 AND kind IN ('concern', 'concern-event', 'letter')"
    };
}

/// A record as stored: the value and what is known about it in the clear.
#[derive(Debug, Clone)]
pub struct Stored<R> {
    pub id: RecordId,
    /// Starts at 1 and goes up by one with every update.
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub value: R,
}

impl Store {
    /// Stores a new record.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn insert<R: Record>(
        &self,
        owner: &Owner,
        value: R,
        now: Timestamp,
    ) -> Result<Stored<R>, StoreError> {
        self.insert_with_id(owner, RecordId::new(), value, now)
            .await
    }

    /// Stores a new record under an id the caller chose (a device makes one, so a retried
    /// submission stores it once). If the owner already has that record, it is returned as it
    /// is and nothing is written.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn insert_with_id<R: Record>(
        &self,
        owner: &Owner,
        id: RecordId,
        value: R,
        now: Timestamp,
    ) -> Result<Stored<R>, StoreError> {
        let sealed = seal(owner, id, R::KIND, &value)?;
        let inserted = sqlx::query(
            "INSERT INTO records (id, owner_id, kind, version, created_at, updated_at, sealed, reminder_at, parent_id) \
             VALUES ($1, $2, $3, 1, $4, $4, $5, $6, $7) ON CONFLICT (owner_id, id) DO NOTHING",
        )
        .bind(id.0.to_string())
        .bind(owner.id.0.to_string())
        .bind(R::KIND)
        .bind(millis(now))
        .bind(sealed)
        .bind(value.reminder_at().map(millis))
        .bind(value.parent().map(|p| p.to_string()))
        .execute(self.pool())
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(Stored {
                id,
                version: 1,
                created_at: now,
                updated_at: now,
                value,
            });
        }
        // The owner already has this id: a retry gets the stored record. Ids are per owner, so
        // nobody else's records can clash with it.
        self.get(owner, id).await
    }

    /// One of the owner's records. Another person's record, or one of another kind, is not
    /// found.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn get<R: Record>(
        &self,
        owner: &Owner,
        id: RecordId,
    ) -> Result<Stored<R>, StoreError> {
        let row = sqlx::query(
            "SELECT id, version, created_at, updated_at, sealed, parent_id FROM records \
             WHERE id = $1 AND owner_id = $2 AND kind = $3",
        )
        .bind(id.0.to_string())
        .bind(owner.id.0.to_string())
        .bind(R::KIND)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        open_any_row(owner, &row)
    }

    /// All the owner's records of one kind, oldest first.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn list<R: Record>(&self, owner: &Owner) -> Result<Vec<Stored<R>>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, version, created_at, updated_at, sealed, parent_id FROM records \
             WHERE owner_id = $1 AND kind = $2 ORDER BY created_at, id",
        )
        .bind(owner.id.0.to_string())
        .bind(R::KIND)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|row| open_any_row(owner, row)).collect()
    }

    /// The records of one kind that belong to `parent`, oldest first.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn list_children<R: Record>(
        &self,
        owner: &Owner,
        parent: RecordId,
    ) -> Result<Vec<Stored<R>>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, version, created_at, updated_at, sealed, parent_id FROM records \
             WHERE owner_id = $1 AND parent_id = $2 AND kind = $3 ORDER BY created_at, id",
        )
        .bind(owner.id.0.to_string())
        .bind(parent.0.to_string())
        .bind(R::KIND)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|row| open_any_row(owner, row)).collect()
    }

    /// What was noted in the room for one consultation, in the order it was saved, as the room
    /// and the letters fold it (each entry with its id and the time it was saved).
    pub async fn room_entries(
        &self,
        owner: &Owner,
        consultation: RecordId,
    ) -> Result<Vec<heard_core::room::Saved>, StoreError> {
        Ok(self
            .list_children::<heard_core::room::RoomEntry>(owner, consultation)
            .await?
            .into_iter()
            .map(|s| heard_core::room::Saved {
                id: s.id.as_uuid(),
                at: s.created_at.as_millisecond(),
                entry: s.value,
            })
            .collect())
    }

    /// The owner's newest records of one kind, newest first, at most `limit`.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn list_latest<R: Record>(
        &self,
        owner: &Owner,
        limit: i64,
    ) -> Result<Vec<Stored<R>>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, version, created_at, updated_at, sealed, parent_id FROM records \
             WHERE owner_id = $1 AND kind = $2 ORDER BY created_at DESC, id DESC LIMIT $3",
        )
        .bind(owner.id.0.to_string())
        .bind(R::KIND)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|row| open_any_row(owner, row)).collect()
    }

    /// The owner's records of one kind whose reminder is at or after `from`, soonest first, at
    /// most `limit`. Only those records are opened, however many the owner has.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn list_upcoming<R: Record>(
        &self,
        owner: &Owner,
        from: Timestamp,
        limit: i64,
    ) -> Result<Vec<Stored<R>>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, version, created_at, updated_at, sealed, parent_id FROM records \
             WHERE owner_id = $1 AND kind = $2 AND reminder_at >= $3 ORDER BY reminder_at, id LIMIT $4",
        )
        .bind(owner.id.0.to_string())
        .bind(R::KIND)
        .bind(millis(from))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|row| open_any_row(owner, row)).collect()
    }

    /// Everything the dashboard shows, in one query: the newest notes, the next appointments
    /// (found by their reminder time, without opening the rest), the most recent past
    /// appointments, the in-room entries and reflections filed under those, and the copy of the
    /// open concerns with the state of the records it must match.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id))]
    pub async fn dashboard(
        &self,
        owner: &Owner,
        now: Timestamp,
        limits: DashboardLimits,
    ) -> Result<Dashboard, StoreError> {
        use heard_core::open_cases::OpenCases;
        use heard_core::reflection::Reflection;
        use heard_core::room::RoomEntry;
        use heard_core::{Consultation, Note};
        // The limits are written into the text, not bound: SQLite prepares a statement again
        // each time a LIMIT parameter is bound, and this one is long. They are integers, so
        // nothing but digits goes in; each set of limits is one cached statement.
        let sql = format!(
            "SELECT {cols} FROM \
               (SELECT {cols} FROM records \
                WHERE owner_id = $1 AND kind = 'note' ORDER BY created_at DESC, id DESC LIMIT {notes}) AS notes \
             UNION ALL \
             SELECT {cols} FROM \
               (SELECT {cols} FROM records \
                WHERE owner_id = $1 AND kind = 'consultation' AND reminder_at >= $2 \
                ORDER BY reminder_at, id LIMIT {upcoming}) AS upcoming \
             UNION ALL \
             SELECT {cols} FROM \
               (SELECT {cols} FROM records \
                WHERE owner_id = $1 AND kind = 'consultation' AND reminder_at < $2 \
                ORDER BY reminder_at DESC, id DESC LIMIT {past}) AS past \
             UNION ALL \
             SELECT {cols} FROM records \
             WHERE owner_id = $1 AND kind IN ('room-entry', 'reflection') AND parent_id IN \
               (SELECT id FROM records WHERE owner_id = $1 AND kind = 'consultation' AND reminder_at < $2 \
                ORDER BY reminder_at DESC, id DESC LIMIT {past}) \
             UNION ALL \
             SELECT {cols} FROM records \
             WHERE owner_id = $1 AND kind = 'open-cases' \
             UNION ALL {case_records}",
            cols = union_columns!(),
            notes = limits.notes.max(0),
            upcoming = limits.upcoming.max(0),
            past = limits.past.max(0),
            case_records = case_records_sql!(),
        );
        let owner_id = owner.id.0.to_string();
        let rows: Vec<UnionRow> = self
            .inner
            .db
            .read(&sql, &[Param::Text(&owner_id), Param::Int(millis(now))])
            .await?;
        let mut out = Dashboard::default();
        let mut notes = Vec::new();
        let mut upcoming = Vec::new();
        let mut past = Vec::new();
        for row in &rows {
            let created = row.record.created_at;
            let reminder = row.reminder_at.unwrap_or_default();
            let record = &row.record;
            match row.kind.as_str() {
                Note::KIND => notes.push((created, open_row::<Note>(owner, record)?)),
                Consultation::KIND if reminder >= millis(now) => {
                    upcoming.push((reminder, open_row::<Consultation>(owner, record)?));
                }
                Consultation::KIND => {
                    past.push((reminder, open_row::<Consultation>(owner, record)?))
                }
                RoomEntry::KIND => out.room_entries.push(open_row::<RoomEntry>(owner, record)?),
                Reflection::KIND => out.reflections.push(open_row::<Reflection>(owner, record)?),
                // A copy that no longer opens (made by another version) is made again.
                OpenCases::KIND => out.open_cases = open_row::<OpenCases>(owner, record).ok(),
                "#case-records" => out.case_records = RecordsState::from_row(row),
                _ => {}
            }
        }
        // A union keeps no order of its own: put each list back in order.
        notes.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
        upcoming.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        past.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
        out.notes = notes.into_iter().map(|(_, r)| r).collect();
        out.upcoming = upcoming.into_iter().map(|(_, r)| r).collect();
        out.past = past.into_iter().map(|(_, r)| r).collect();
        out.room_entries.sort_by_key(|e| (e.created_at, e.id));
        Ok(out)
    }

    /// The concern, event and letter records, in one query, with the state they were in (to
    /// label what is made from them: see [`Dashboard::case_records`]).
    #[tracing::instrument(skip_all, fields(user.id = %owner.id))]
    pub async fn case_records(&self, owner: &Owner) -> Result<CaseRecords, StoreError> {
        use heard_core::concern::{Concern, ConcernEvent};
        use heard_core::letter::LetterDraft;
        let owner_id = owner.id.0.to_string();
        let rows: Vec<UnionRow> = self
            .inner
            .db
            .read(
                concat!(
                    "SELECT ",
                    union_columns!(),
                    " FROM records \
                     WHERE owner_id = $1 AND kind IN ('concern', 'concern-event', 'letter') \
                     UNION ALL ",
                    case_records_sql!()
                ),
                &[Param::Text(&owner_id)],
            )
            .await?;
        let mut out = CaseRecords::default();
        for row in &rows {
            match row.kind.as_str() {
                Concern::KIND => out.concerns.push(open_row(owner, &row.record)?),
                ConcernEvent::KIND => out.events.push(open_row(owner, &row.record)?),
                LetterDraft::KIND => out.letters.push(open_row(owner, &row.record)?),
                "#case-records" => out.state = RecordsState::from_row(row),
                _ => {}
            }
        }
        // A union keeps no order of its own.
        out.concerns.sort_by_key(|r| (r.created_at, r.id));
        out.events.sort_by_key(|r| (r.created_at, r.id));
        out.letters.sort_by_key(|r| (r.created_at, r.id));
        Ok(out)
    }

    /// Keeps the owner's copy of their open concerns (one per person, replaced whole: each
    /// copy is labelled with what it was made from, so the last one written is as good as any).
    #[tracing::instrument(skip_all, fields(user.id = %owner.id))]
    pub async fn keep_open_cases(
        &self,
        owner: &Owner,
        value: &heard_core::open_cases::OpenCases,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        use heard_core::open_cases::OpenCases;
        let id = RecordId(Uuid::new_v5(&owner.id.0, OpenCases::KIND.as_bytes()));
        let sealed = seal(owner, id, OpenCases::KIND, value)?;
        // One id per owner for this kind, so the row it meets is the owner's own copy (a record
        // of another kind that the owner gave this id is left alone).
        sqlx::query(
            "INSERT INTO records (id, owner_id, kind, version, created_at, updated_at, sealed) \
             VALUES ($1, $2, $3, 1, $4, $4, $5) \
             ON CONFLICT (owner_id, id) DO UPDATE SET sealed = excluded.sealed, \
                version = records.version + 1, updated_at = excluded.updated_at \
             WHERE records.kind = excluded.kind",
        )
        .bind(id.0.to_string())
        .bind(owner.id.0.to_string())
        .bind(OpenCases::KIND)
        .bind(millis(now))
        .bind(sealed)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Replaces a record's value, if it is still at `expected_version` (the version the caller
    /// read). Otherwise nothing is written and the caller gets `Conflict` with the current
    /// version, so it can show both and let the person choose.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn update<R: Record>(
        &self,
        owner: &Owner,
        id: RecordId,
        expected_version: i64,
        value: R,
        now: Timestamp,
    ) -> Result<Stored<R>, StoreError> {
        let sealed = seal(owner, id, R::KIND, &value)?;
        let updated = sqlx::query(
            "UPDATE records SET sealed = $1, version = version + 1, updated_at = $2, reminder_at = $7 \
             WHERE id = $3 AND owner_id = $4 AND kind = $5 AND version = $6",
        )
        .bind(sealed)
        .bind(millis(now))
        .bind(id.0.to_string())
        .bind(owner.id.0.to_string())
        .bind(R::KIND)
        .bind(expected_version)
        .bind(value.reminder_at().map(millis))
        .execute(self.pool())
        .await?;
        if updated.rows_affected() == 1 {
            let current: Stored<R> = self.get(owner, id).await?;
            return Ok(Stored { value, ..current });
        }
        let current: Stored<R> = self.get(owner, id).await?;
        Err(StoreError::Conflict {
            current_version: current.version,
        })
    }

    /// Applies `change` to the newest version and saves it, trying again (up to five times) if
    /// another device saved in between. For changes that say what to do rather than what to
    /// overwrite (add a question, mark a letter as sent), so applying them to the newest version
    /// is exactly what the person asked for. `change` may refuse (its error comes back inside
    /// `Ok`, with nothing saved). If every try meets a newer version, the last conflict is
    /// returned.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn modify<R: Record, E>(
        &self,
        owner: &Owner,
        id: RecordId,
        now: Timestamp,
        change: impl Fn(&mut R) -> Result<(), E>,
    ) -> Result<Result<Stored<R>, E>, StoreError> {
        let mut last = StoreError::Conflict { current_version: 0 };
        for _ in 0..5 {
            let mut current = self.get::<R>(owner, id).await?;
            if let Err(refused) = change(&mut current.value) {
                return Ok(Err(refused));
            }
            match self
                .update(owner, id, current.version, current.value, now)
                .await
            {
                Ok(saved) => return Ok(Ok(saved)),
                Err(conflict @ StoreError::Conflict { .. }) => last = conflict,
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }

    /// Deletes one of the owner's records and everything filed under it, together. Another
    /// person's record is not found.
    #[tracing::instrument(skip_all, fields(user.id = %owner.id, kind = R::KIND))]
    pub async fn delete<R: Record>(&self, owner: &Owner, id: RecordId) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        let deleted =
            sqlx::query("DELETE FROM records WHERE id = $1 AND owner_id = $2 AND kind = $3")
                .bind(id.0.to_string())
                .bind(owner.id.0.to_string())
                .bind(R::KIND)
                .execute(&mut *tx)
                .await?;
        if deleted.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM records WHERE parent_id = $1 AND owner_id = $2")
            .bind(id.0.to_string())
            .bind(owner.id.0.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn seal<R: Record>(
    owner: &Owner,
    id: RecordId,
    kind: &str,
    value: &R,
) -> Result<Vec<u8>, StoreError> {
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(value)
            .map_err(|e| StoreError::Corrupt(format!("serialise {kind}: {e}")))?,
    );
    let at = RecordAddress {
        owner: owner.id.0,
        id: id.0,
        kind,
    };
    Ok(owner.key.seal_record(&at, &plain)?)
}

/// The columns a record is opened from.
struct RecordRow {
    id: String,
    version: i64,
    created_at: i64,
    updated_at: i64,
    /// None only in a summary row, which is never opened.
    sealed: Option<Vec<u8>>,
    parent_id: Option<String>,
}

impl RecordRow {
    fn from_any(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.try_get("id")?,
            version: row.try_get("version")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            sealed: row.try_get("sealed")?,
            parent_id: row.try_get("parent_id")?,
        })
    }
}

/// A row of the dashboard's and the case records' unions: every column of `records`, in the
/// order `union_columns!` names them, so one kind can be told from another.
struct UnionRow {
    kind: String,
    reminder_at: Option<i64>,
    record: RecordRow,
}

impl ReadRow for UnionRow {
    fn from_any(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            kind: row.try_get("kind")?,
            reminder_at: row.try_get("reminder_at")?,
            record: RecordRow::from_any(row)?,
        })
    }

    fn from_local(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            kind: row.get(1)?,
            reminder_at: row.get(6)?,
            record: RecordRow {
                id: row.get(0)?,
                version: row.get(2)?,
                created_at: row.get(3)?,
                updated_at: row.get(4)?,
                sealed: row.get(5)?,
                parent_id: row.get(7)?,
            },
        })
    }
}

/// [`open_row`] for a row sqlx read.
fn open_any_row<R: Record>(owner: &Owner, row: &AnyRow) -> Result<Stored<R>, StoreError> {
    open_row(owner, &RecordRow::from_any(row)?)
}

fn open_row<R: Record>(owner: &Owner, row: &RecordRow) -> Result<Stored<R>, StoreError> {
    let id = RecordId::from_str(&row.id).map_err(|_| StoreError::Corrupt("record id".into()))?;
    let sealed = row
        .sealed
        .as_deref()
        .ok_or_else(|| StoreError::Corrupt(format!("{} has no sealed value", R::KIND)))?;
    let at = RecordAddress {
        owner: owner.id.0,
        id: id.0,
        kind: R::KIND,
    };
    let plain = zeroize::Zeroizing::new(owner.key.open_record(&at, sealed)?);
    // Serde's message can quote the input; say only which kind failed.
    let value: R = serde_json::from_slice(&plain)
        .map_err(|_| StoreError::Corrupt(format!("{} did not parse", R::KIND)))?;
    if row.parent_id != value.parent().map(|p| p.to_string()) {
        return Err(StoreError::Corrupt(format!(
            "{} is filed under the wrong parent",
            R::KIND
        )));
    }
    Ok(Stored {
        id,
        version: row.version,
        created_at: from_millis(row.created_at)?,
        updated_at: from_millis(row.updated_at)?,
        value,
    })
}
