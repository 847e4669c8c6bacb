//! A copy of the database must not say who wrote a shared experience. Several people share in a
//! tight loop, each writing a note just before (so any link by time or order would show), and
//! then the joins someone holding the database would try are run on it: by time (creation,
//! update, session activity), and by insertion order. None may name authors better than chance.

use std::collections::{HashMap, HashSet};

use heard_store::testing::TestDatabase;
use heard_store::{Engine, both_engines};
use jiff::SignedDuration;
use reqwest::StatusCode;
use sqlx::{AssertSqlSafe, Connection, Row};

use crate::helpers::{Browser, PASSWORD, spawn_app};

const PEOPLE: usize = 5;
const SHARED: usize = 60;

both_engines!(
    a_copy_of_the_database_does_not_name_who_shared_an_experience,
    anonymity_story
);
async fn anonymity_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let mut people: Vec<(String, Browser)> = Vec::new();
    for i in 0..PEOPLE {
        let name = format!("author{i}");
        let browser = app.signed_in(&name).await;
        people.push((name, browser));
    }
    // Who shares each time: every person in turn, shuffled by a fixed rule so the order is
    // neither round-robin nor the same as registration.
    let mut author_of: HashMap<String, String> = HashMap::new();
    for k in 0..SHARED {
        let who = (k * 7 + k / PEOPLE) % PEOPLE;
        let (name, browser) = &people[who];
        // Nine hours apart: a few people a day, as on a quiet instance, so a stored day would
        // narrow the author down.
        app.clock.advance(SignedDuration::from_hours(9));
        // Signed out since: in again, as a person coming back would.
        browser.sign_in(name, PASSWORD).await;
        browser.add_note(&format!("note before story {k}")).await;
        app.clock.advance(SignedDuration::from_millis(411));
        let title = format!("Story {k}");
        let response = browser
            .submit(
                "/experiences/new",
                "/experiences",
                &[
                    ("title", &title),
                    ("body", "I waited a long time and nobody explained why."),
                    ("share_anyway", "yes"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sharing {title}");
        author_of.insert(title, name.clone());
    }
    // On PostgreSQL every row carries the transaction that last wrote it, and the request that
    // shared also touched the author's session. The server rewrites the waiting rows now and
    // then; after that, they all carry that rewrite's transaction, later than anyone's.
    if db.engine == Engine::Postgres {
        app.store.reshuffle_waiting_experiences().await.unwrap();
        let (distinct, newest_elsewhere, theirs) = DatabaseCopy::transaction_marks(db).await;
        assert_eq!(distinct, 1, "the waiting rows were written by one rewrite");
        assert!(
            theirs > newest_elsewhere,
            "the rewrite is later than any session or record ({theirs} vs {newest_elsewhere})"
        );
    }
    // Sharing writes nothing of the author's: their records and account are as they were.
    let before = DatabaseCopy::read(db).await;
    let (name, author) = &people[0];
    author.sign_in(name, PASSWORD).await;
    for k in 0..3 {
        app.clock.advance(SignedDuration::from_millis(2_003));
        let response = author
            .submit(
                "/experiences/new",
                "/experiences",
                &[
                    ("title", &format!("Quiet story {k}")),
                    ("body", "Nobody told me what would happen next."),
                    ("share_anyway", "yes"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let after = DatabaseCopy::read(db).await;
    assert_eq!(before.records, after.records, "sharing changed a record");
    assert_eq!(before.users, after.users);
    assert_eq!(after.experiences.len(), SHARED + 3);
    app.stop().await;

    let mut copy = DatabaseCopy::read(db).await;
    copy.experiences
        .retain(|(title, _)| author_of.contains_key(title));
    let chance = SHARED as f64 / PEOPLE as f64;
    let by_time = copy.join_by_time(&author_of);
    let by_order = copy.join_by_insertion_order(&author_of);
    eprintln!(
        "anonymity ({:?}): {SHARED} experiences by {PEOPLE} people; authors named by chance: \
         {chance:.1}; by joining on times: {by_time:.1}; by insertion order: {by_order:.1}",
        db.engine
    );
    // Before the fix each join named all 60 authors. Half is 2.5 times chance; a random
    // order reaches it about twice in ten million runs.
    let limit = SHARED as f64 / 2.0;
    assert!(
        by_time <= chance + 0.01,
        "joining on times names authors: {by_time}"
    );
    assert!(
        by_order < limit,
        "insertion order names authors: {by_order}"
    );
}

/// What someone holding the database can read without any key.
struct DatabaseCopy {
    /// Username by user id.
    users: HashMap<String, String>,
    /// (title, the day it was shared as stored), in the order the rows are stored.
    experiences: Vec<(String, String)>,
    /// (owner, kind, created_at, updated_at), in the order the rows are stored.
    records: Vec<(String, String, i64, i64)>,
    /// (user, created_at, last_seen_at).
    sessions: Vec<(String, i64, i64)>,
}

impl DatabaseCopy {
    async fn read(db: &TestDatabase) -> Self {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&db.url).await.unwrap();
        // The order rows are stored in: SQLite's rowid where a table has one (a table without
        // one is stored in the order of its key), PostgreSQL's physical position.
        let (records_order, experiences_order) = match db.engine {
            Engine::Sqlite => ("ORDER BY rowid", ""),
            Engine::Postgres => ("ORDER BY ctid", "ORDER BY ctid"),
        };
        let query = |sql: String| sqlx::query(AssertSqlSafe(sql));
        let users = query("SELECT id, username FROM users".into())
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
            .collect();
        let experiences = query(format!(
            "SELECT title, submitted_in FROM shared_experiences {experiences_order}"
        ))
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
        let records = query(format!(
            "SELECT owner_id, kind, created_at, updated_at FROM records {records_order}"
        ))
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
        let sessions = query("SELECT user_id, created_at, last_seen_at FROM sessions".into())
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        conn.close().await.unwrap();
        Self {
            users,
            experiences,
            records,
            sessions,
        }
    }

    /// PostgreSQL: how many different transactions last wrote the waiting experiences, the
    /// newest transaction that last wrote a session or record, and the waiting rows' newest.
    async fn transaction_marks(db: &TestDatabase) -> (i64, i64, i64) {
        let mut conn = sqlx::AnyConnection::connect(&db.url).await.unwrap();
        let mut number = async |sql: &'static str| -> i64 {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&mut conn)
                .await
                .unwrap()
        };
        let distinct = number(
            "SELECT COUNT(DISTINCT xmin::text::bigint) FROM shared_experiences WHERE status = 'pending'",
        )
        .await;
        let elsewhere = number(
            "SELECT MAX(x) FROM (SELECT xmin::text::bigint AS x FROM sessions \
             UNION ALL SELECT xmin::text::bigint FROM records) AS marks",
        )
        .await;
        let theirs = number(
            "SELECT MAX(xmin::text::bigint) FROM shared_experiences WHERE status = 'pending'",
        )
        .await;
        conn.close().await.unwrap();
        (distinct, elsewhere, theirs)
    }

    /// For each experience, everyone with a record made or changed, or a session used, within
    /// the time the experience's stored time allows (a day, if only the day is stored); each
    /// candidate gets an equal share of the guess. Returns how many authors that names.
    fn join_by_time(&self, author_of: &HashMap<String, String>) -> f64 {
        let mut named = 0.0;
        for (title, stored) in &self.experiences {
            let (from, to) = span_of(stored);
            let within = |t: i64| t >= from && t < to;
            let mut candidates: HashSet<&str> = HashSet::new();
            for (owner, _, created, updated) in &self.records {
                if within(*created) || within(*updated) {
                    candidates.insert(&self.users[owner]);
                }
            }
            for (user, created, seen) in &self.sessions {
                if within(*created) || within(*seen) {
                    candidates.insert(&self.users[user]);
                }
            }
            if candidates.contains(author_of[title].as_str()) {
                named += 1.0 / candidates.len() as f64;
            }
        }
        named
    }

    /// Lines up the experiences, in stored order, with the records of each kind that has as
    /// many rows, in stored order; the best kind's count of authors named.
    fn join_by_insertion_order(&self, author_of: &HashMap<String, String>) -> f64 {
        let mut by_kind: HashMap<&str, Vec<&str>> = HashMap::new();
        for (owner, kind, _, _) in &self.records {
            by_kind.entry(kind).or_default().push(&self.users[owner]);
        }
        by_kind
            .values()
            .filter(|owners| owners.len() == self.experiences.len())
            .map(|owners| {
                self.experiences
                    .iter()
                    .zip(owners)
                    .filter(|((title, _), owner)| author_of[title] == **owner)
                    .count() as f64
            })
            .fold(0.0, f64::max)
    }
}

/// The milliseconds a stored time could stand for: one millisecond for a number of
/// milliseconds, a day for a date, a month for a year and month.
fn span_of(stored: &str) -> (i64, i64) {
    if let Ok(ms) = stored.parse::<i64>() {
        return (ms, ms + 1);
    }
    let utc = |d: jiff::civil::Date| {
        d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp()
            .as_millisecond()
    };
    match stored.parse::<jiff::civil::Date>() {
        Ok(day) => (utc(day), utc(day.tomorrow().unwrap())),
        Err(_) => {
            let first: jiff::civil::Date = format!("{stored}-01").parse().unwrap();
            (utc(first), utc(first.last_of_month().tomorrow().unwrap()))
        }
    }
}
