//! The store's story, told once and run on SQLite and on PostgreSQL.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a panic is a failed test"
)]

use heard_core::{NewPassword, Note, Username};
use heard_store::testing::TestDatabase;
use heard_store::{
    InstanceKey, RecordId, SealError, SessionLookup, SignInRefused, Store, StoreError, Timestamp,
    both_engines,
};
use jiff::SignedDuration;

fn t0() -> Timestamp {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

async fn account(store: &Store, name: &str) -> heard_store::SignedIn {
    let username = Username::parse(name).unwrap();
    let password = NewPassword::parse("lantern orbit kettle", &[]).unwrap();
    store
        .register(&username, &password, "127.0.0.1", t0())
        .await
        .unwrap();
    let heard_store::SignedInDevice { signed_in, .. } = store
        .sign_in(name, "lantern orbit kettle", "127.0.0.1", &[], t0())
        .await
        .unwrap();
    signed_in
}

both_engines!(accounts_and_sessions, accounts_and_sessions_story);
async fn accounts_and_sessions_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    let name = Username::parse("Robin").unwrap();
    let password = NewPassword::parse("lantern orbit kettle", &[]).unwrap();
    store
        .register(&name, &password, "10.0.0.1", t0())
        .await
        .unwrap();
    assert!(matches!(
        store.register(&name, &password, "10.0.0.1", t0()).await,
        Err(StoreError::UsernameTaken)
    ));

    // Wrong password and unknown name get the same answer.
    for (user, pw) in [
        ("robin", "wrong password here"),
        ("nobody", "lantern orbit kettle"),
    ] {
        assert!(matches!(
            store.sign_in(user, pw, "10.0.0.1", &[], t0()).await,
            Err(SignInRefused::WrongUsernameOrPassword)
        ));
    }
    // Sign-in is case-insensitive on the name, as typed.
    let heard_store::SignedInDevice {
        token, signed_in, ..
    } = store
        .sign_in(" ROBIN ", "lantern orbit kettle", "10.0.0.1", &[], t0())
        .await
        .unwrap();
    assert_eq!(signed_in.username, "robin");
    assert_eq!(signed_in.csrf_token.len(), 64);
    assert_eq!(
        signed_in.idle_expires_at,
        t0() + SignedDuration::from_mins(30)
    );

    // Active while used; ended after 30 idle minutes.
    let later = t0() + SignedDuration::from_mins(29);
    assert!(matches!(
        store.session(&token, later).await.unwrap(),
        SessionLookup::Active(_)
    ));
    let idle = later + SignedDuration::from_mins(30);
    match store.session(&token, idle).await.unwrap() {
        SessionLookup::Ended { username } => assert_eq!(username, "robin"),
        other => panic!("expected an ended session, got {other:?}"),
    }

    // Ended 12 hours after sign-in, however busy.
    let heard_store::SignedInDevice { token, .. } = store
        .sign_in("robin", "lantern orbit kettle", "10.0.0.1", &[], t0())
        .await
        .unwrap();
    let mut now = t0();
    while now < t0() + SignedDuration::from_hours(12) - SignedDuration::from_mins(20) {
        now += SignedDuration::from_mins(20);
        assert!(
            matches!(
                store.session(&token, now).await.unwrap(),
                SessionLookup::Active(_)
            ),
            "{now}"
        );
    }
    let past_limit = t0() + SignedDuration::from_hours(12);
    assert!(matches!(
        store.session(&token, past_limit).await.unwrap(),
        SessionLookup::Ended { .. }
    ));

    // Signing out ends the session on the server.
    let heard_store::SignedInDevice { token, .. } = store
        .sign_in("robin", "lantern orbit kettle", "10.0.0.1", &[], t0())
        .await
        .unwrap();
    store.end_session(&token).await.unwrap();
    assert!(matches!(
        store.session(&token, t0()).await.unwrap(),
        SessionLookup::Unknown
    ));
    assert!(matches!(
        store
            .session(&heard_store::SessionToken::from_cookie("made-up"), t0())
            .await
            .unwrap(),
        SessionLookup::Unknown
    ));
    store.close().await;
}

both_engines!(records, records_story);
async fn records_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    let alice = account(&store, "alice").await.owner;
    let bob = account(&store, "bob").await.owner;

    let first = store
        .insert(
            &alice,
            Note {
                text: "scan on Tuesday".into(),
            },
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(first.version, 1);
    let second = store
        .insert(
            &alice,
            Note {
                text: "ask about fatigue".into(),
            },
            t0(),
        )
        .await
        .unwrap();
    store
        .insert(
            &bob,
            Note {
                text: "bob's own".into(),
            },
            t0(),
        )
        .await
        .unwrap();

    let got = store.get::<Note>(&alice, first.id).await.unwrap();
    assert_eq!(got.value.text, "scan on Tuesday");
    let listed: Vec<String> = store
        .list::<Note>(&alice)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.value.text)
        .collect();
    assert_eq!(listed, ["scan on Tuesday", "ask about fatigue"]);

    // Owner scoping: Bob cannot read, change or delete Alice's note.
    assert!(matches!(
        store.get::<Note>(&bob, first.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update(&bob, first.id, 1, Note { text: "x".into() }, t0())
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete::<Note>(&bob, first.id).await,
        Err(StoreError::NotFound)
    ));

    // Versioned updates: the version read must still be current.
    let later = t0() + SignedDuration::from_mins(5);
    let updated = store
        .update(
            &alice,
            first.id,
            1,
            Note {
                text: "scan moved to Wednesday".into(),
            },
            later,
        )
        .await
        .unwrap();
    assert_eq!(
        (updated.version, updated.updated_at, updated.created_at),
        (2, later, t0())
    );
    match store
        .update(
            &alice,
            first.id,
            1,
            Note {
                text: "stale edit".into(),
            },
            later,
        )
        .await
    {
        Err(StoreError::Conflict { current_version }) => assert_eq!(current_version, 2),
        other => panic!("a stale update must conflict, got {other:?}"),
    }
    assert_eq!(
        store
            .get::<Note>(&alice, first.id)
            .await
            .unwrap()
            .value
            .text,
        "scan moved to Wednesday"
    );

    // A retried insert with the device's id stores once.
    let device_id = RecordId::new();
    for _ in 0..3 {
        store
            .insert_with_id(
                &alice,
                device_id,
                Note {
                    text: "typed offline".into(),
                },
                t0(),
            )
            .await
            .unwrap();
    }
    assert_eq!(store.list::<Note>(&alice).await.unwrap().len(), 3);
    // Ids belong to their owner: the same id from someone else is a record of their own, and
    // neither can see, block or change the other's.
    let bobs = store
        .insert_with_id(
            &bob,
            device_id,
            Note {
                text: "clash".into(),
            },
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(bobs.value.text, "clash");
    assert_eq!(
        store
            .get::<Note>(&alice, device_id)
            .await
            .unwrap()
            .value
            .text,
        "typed offline"
    );
    assert_eq!(
        store.get::<Note>(&bob, device_id).await.unwrap().value.text,
        "clash"
    );
    store.delete::<Note>(&bob, device_id).await.unwrap();
    assert_eq!(
        store
            .get::<Note>(&alice, device_id)
            .await
            .unwrap()
            .value
            .text,
        "typed offline"
    );

    // A change that says what to do is applied to the newest version, whatever version the
    // caller last saw; a refused change writes nothing; someone else's record is not found.
    let modified = store
        .modify(&alice, first.id, later, |n: &mut Note| {
            n.text.push_str(", 10am");
            Ok::<(), &str>(())
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (modified.version, modified.value.text.as_str()),
        (3, "scan moved to Wednesday, 10am")
    );
    let refused = store
        .modify(&alice, first.id, later, |_: &mut Note| Err("too long"))
        .await
        .unwrap();
    assert!(matches!(refused, Err("too long")));
    assert_eq!(
        store.get::<Note>(&alice, first.id).await.unwrap().version,
        3
    );
    assert!(matches!(
        store
            .modify(&bob, first.id, later, |_: &mut Note| Ok::<(), ()>(()))
            .await,
        Err(StoreError::NotFound)
    ));

    store.delete::<Note>(&alice, second.id).await.unwrap();
    assert!(matches!(
        store.get::<Note>(&alice, second.id).await,
        Err(StoreError::NotFound)
    ));
    store.close().await;
}

both_engines!(sealing_on_disk, sealing_on_disk_story);
async fn sealing_on_disk_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    let alice = account(&store, "alice").await.owner;
    let bob = account(&store, "bob").await.owner;
    let canary = format!("canary-{}", uuid::Uuid::new_v4());
    let note = store
        .insert(
            &alice,
            Note {
                text: canary.clone(),
            },
            t0(),
        )
        .await
        .unwrap();
    store.close().await;

    let stored = db.everything_stored().await;
    assert!(!stored.is_empty());
    assert!(
        !stored.windows(canary.len()).any(|w| w == canary.as_bytes()),
        "the canary is readable in the database"
    );
    assert!(
        !stored.windows(20).any(|w| w == b"lantern orbit kettle"),
        "a password is readable"
    );
    // Passwords are Argon2id hashes with at least OWASP's parameters.
    let params = b"$argon2id$v=19$m=19456,t=2,p=1$";
    assert!(
        stored.windows(params.len()).any(|w| w == params),
        "no Argon2id hash with 19 MiB, t=2, p=1"
    );

    // Sealed bytes moved to another user's row do not open for them.
    let store = db.open_store_again(&store).await;
    db.tamper(
        "UPDATE records SET owner_id = (SELECT id FROM users WHERE username = 'bob') WHERE id = $1",
        &[&note.id.to_string()],
    )
    .await;
    assert!(matches!(
        store.get::<Note>(&bob, note.id).await,
        Err(StoreError::Seal(SealError::OpenFailed))
    ));

    // Sealed bytes copied onto another of the owner's own rows do not open either.
    let other = store
        .insert(
            &bob,
            Note {
                text: "bob's".into(),
            },
            t0(),
        )
        .await
        .unwrap();
    let third = store
        .insert(
            &bob,
            Note {
                text: "bob's too".into(),
            },
            t0(),
        )
        .await
        .unwrap();
    db.tamper(
        "UPDATE records SET sealed = (SELECT sealed FROM records WHERE id = $1) WHERE id = $2",
        &[&other.id.to_string(), &third.id.to_string()],
    )
    .await;
    assert!(matches!(
        store.get::<Note>(&bob, third.id).await,
        Err(StoreError::Seal(SealError::OpenFailed))
    ));
    store.close().await;
}

both_engines!(sqlite_is_durable, durability_story);
async fn durability_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    match (db.engine, store.sqlite_durability().await.unwrap()) {
        // WAL, and synchronous = 2 (FULL): every commit reaches the disk.
        (heard_store::Engine::Sqlite, Some((mode, sync))) => {
            assert_eq!((mode.as_str(), sync), ("wal", 2))
        }
        (heard_store::Engine::Postgres, None) => {}
        (engine, other) => panic!("{engine:?}: {other:?}"),
    }
    store.close().await;
}

both_engines!(instance_key, instance_key_story);
async fn instance_key_story(db: &TestDatabase) {
    let key = InstanceKey::random();
    let store = Store::open(db.config(key.clone()), t0()).await.unwrap();
    store.close().await;
    // The same key opens it again; any other key is refused before anything is written.
    Store::open(db.config(key), t0())
        .await
        .unwrap()
        .close()
        .await;
    assert!(matches!(
        Store::open(db.config(InstanceKey::random()), t0()).await,
        Err(StoreError::WrongInstanceKey)
    ));
}

both_engines!(throttling, throttling_story);
async fn throttling_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    account(&store, "carol").await;
    let attacker = "10.0.0.9";
    let mut now = t0();
    // Three wrong passwords from one client cost nothing...
    for _ in 0..3 {
        now += SignedDuration::from_secs(1);
        assert!(matches!(
            store
                .sign_in("carol", "not the password", attacker, &[], now)
                .await,
            Err(SignInRefused::WrongUsernameOrPassword)
        ));
    }
    // ...then each further try from that client must wait, even with the right password.
    let until = match store
        .sign_in("carol", "lantern orbit kettle", attacker, &[], now)
        .await
    {
        Err(SignInRefused::Paused { until }) => until,
        other => panic!("expected a wait, got {other:?}"),
    };
    assert_eq!(until, now + SignedDuration::from_secs(2));
    // The waits double with each failure: hammering is slow, but nothing is locked.
    let mut waits = Vec::new();
    for _ in 0..5 {
        let until = match store.sign_in("carol", "guess", attacker, &[], now).await {
            Err(SignInRefused::Paused { until }) => until,
            other => panic!("expected a wait, got {other:?}"),
        };
        waits.push((until - now).as_secs());
        now = until;
        assert!(matches!(
            store.sign_in("carol", "guess", attacker, &[], now).await,
            Err(SignInRefused::WrongUsernameOrPassword)
        ));
    }
    assert_eq!(waits, vec![2, 4, 8, 16, 32]);
    // Refused tries are not counted: the wait does not grow while someone hammers it.
    let before = store.sign_in("carol", "guess", attacker, &[], now).await;
    for _ in 0..20 {
        let _ = store.sign_in("carol", "guess", attacker, &[], now).await;
    }
    let after = store.sign_in("carol", "guess", attacker, &[], now).await;
    match (before, after) {
        (Err(SignInRefused::Paused { until: a }), Err(SignInRefused::Paused { until: b })) => {
            assert_eq!(a, b)
        }
        other => panic!("expected two equal waits, got {other:?}"),
    }
    // The owner, on their own phone with no recent failures, signs in at once.
    store
        .sign_in("carol", "lantern orbit kettle", "192.0.2.44", &[], now)
        .await
        .unwrap();
    // A name that does not exist is slowed the same way, so waits do not reveal accounts.
    let mut then = t0();
    for _ in 0..3 {
        then += SignedDuration::from_secs(1);
        let _ = store
            .sign_in("nosuchperson", "guess", "10.0.0.7", &[], then)
            .await;
    }
    assert!(matches!(
        store
            .sign_in("nosuchperson", "guess", "10.0.0.7", &[], then)
            .await,
        Err(SignInRefused::Paused { .. })
    ));
    // A correct sign-in clears that client's failures for the account.
    let later = now + SignedDuration::from_mins(20);
    store
        .sign_in("carol", "lantern orbit kettle", attacker, &[], later)
        .await
        .unwrap();
    assert!(matches!(
        store.sign_in("carol", "typo", attacker, &[], later).await,
        Err(SignInRefused::WrongUsernameOrPassword)
    ));
    store
        .sign_in("carol", "lantern orbit kettle", attacker, &[], later)
        .await
        .unwrap();
    store.close().await;
}

both_engines!(an_owner_is_never_locked_out, lockout_story);
async fn lockout_story(db: &TestDatabase) {
    // Before, ten wrong passwords paused an account for everyone. Now a hundred wrong passwords
    // from twenty addresses do not stop its owner on a device they have signed in on before;
    // a device that has never signed in waits a while, and is never locked out.
    let store = db.open_store(t0()).await;
    let name = Username::parse("gwen").unwrap();
    let password = NewPassword::parse("lantern orbit kettle", &[]).unwrap();
    store
        .register(&name, &password, "203.0.113.77", t0())
        .await
        .unwrap();
    let phone = store
        .sign_in("gwen", "lantern orbit kettle", "203.0.113.77", &[], t0())
        .await
        .unwrap()
        .device;
    let now = t0() + SignedDuration::from_secs(30);
    for i in 0..100 {
        let _ = store
            .sign_in("gwen", "wrong", &format!("198.51.100.{}", i % 20), &[], now)
            .await;
    }
    // Her phone, even on another network.
    store
        .sign_in("gwen", "lantern orbit kettle", "192.0.2.5", &[phone], now)
        .await
        .unwrap();
    // A token for another account, or made up, does not count.
    let stranger =
        heard_store::DeviceToken::from_cookie(&format!("{}.{}", "0".repeat(32), "1".repeat(32)));
    let until = match store
        .sign_in(
            "gwen",
            "lantern orbit kettle",
            "192.0.2.6",
            &[stranger],
            now,
        )
        .await
    {
        Err(SignInRefused::Paused { until }) => until,
        other => panic!("a new device should wait, got {other:?}"),
    };
    assert!(
        until - now <= SignedDuration::from_mins(15),
        "never locked out"
    );
    store
        .sign_in("gwen", "lantern orbit kettle", "192.0.2.6", &[], until)
        .await
        .unwrap();
    store.close().await;
}

both_engines!(tries_sent_together_are_counted_together, burst_story);
async fn burst_story(db: &TestDatabase) {
    // Twenty guesses sent at once used to slip past a check made before any was counted.
    let store = db.open_store(t0()).await;
    account(&store, "hugo").await;
    let now = t0() + SignedDuration::from_secs(1);
    let mut guesses = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let store = store.clone();
        guesses.spawn(async move {
            store
                .sign_in("hugo", "guess", "203.0.113.50", &[], now)
                .await
        });
    }
    let results = guesses.join_all().await;
    let checked = results
        .iter()
        .filter(|r| matches!(r, Err(SignInRefused::WrongUsernameOrPassword)))
        .count();
    assert!(checked <= 4, "{checked} of 20 guesses were checked");
    store.close().await;
}

both_engines!(client_throttling, client_throttling_story);
async fn client_throttling_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    account(&store, "erin").await;
    // 20 failures from one address across many names cost nothing more than each name's own
    // allowance; the 21st makes that address wait, for any account.
    let now = t0() + SignedDuration::from_secs(1);
    for i in 0..20 {
        let _ = store
            .sign_in(&format!("guess{i}"), "password", "203.0.113.5", &[], now)
            .await;
    }
    assert!(matches!(
        store
            .sign_in("erin", "lantern orbit kettle", "203.0.113.5", &[], now)
            .await,
        Err(SignInRefused::Paused { .. })
    ));
    store
        .sign_in("erin", "lantern orbit kettle", "198.51.100.1", &[], now)
        .await
        .unwrap();
    // Nothing the throttle keeps names the account or the address.
    store.close().await;
    let stored = String::from_utf8_lossy(&db.everything_stored().await).into_owned();
    for plain in ["guess7", "203.0.113.5", "198.51.100.1"] {
        assert!(!stored.contains(plain), "{plain} is stored in the clear");
    }
}

both_engines!(
    throttling_is_shared_by_every_server,
    shared_throttling_story
);
async fn shared_throttling_story(db: &TestDatabase) {
    // Two web processes on one database: failures counted by one slow that client on the other.
    let first = db.open_store(t0()).await;
    account(&first, "fran").await;
    let second = db.open_store_again(&first).await;
    for _ in 0..3 {
        let _ = first.sign_in("fran", "wrong", "10.1.1.1", &[], t0()).await;
    }
    assert!(matches!(
        second
            .sign_in("fran", "lantern orbit kettle", "10.1.1.1", &[], t0())
            .await,
        Err(SignInRefused::Paused { .. })
    ));
    second
        .sign_in("fran", "lantern orbit kettle", "10.2.2.2", &[], t0())
        .await
        .unwrap();
    first.close().await;
    second.close().await;
}

both_engines!(registration_is_limited_per_client, registration_story);
async fn registration_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    let password = NewPassword::parse("lantern orbit kettle", &[]).unwrap();
    let client = "203.0.113.9";
    let start = t0();
    // Twenty tries in an hour, counting one whose name was taken (that answer says which names
    // exist, so it is limited too).
    for i in 0..19 {
        let name = Username::parse(&format!("new{i}")).unwrap();
        store
            .register(
                &name,
                &password,
                client,
                start + SignedDuration::from_secs(i),
            )
            .await
            .unwrap();
    }
    let taken = Username::parse("new3").unwrap();
    assert!(matches!(
        store
            .register(
                &taken,
                &password,
                client,
                start + SignedDuration::from_secs(30)
            )
            .await,
        Err(StoreError::UsernameTaken)
    ));
    let one_more = Username::parse("onemore").unwrap();
    let at = start + SignedDuration::from_secs(40);
    match store.register(&one_more, &password, client, at).await {
        Err(StoreError::Throttled { until }) => {
            // Until the oldest of the twenty leaves the hour.
            assert_eq!(until, start + SignedDuration::from_hours(1));
        }
        other => panic!("expected a wait, got {other:?}"),
    }
    // Another client is not affected, and the first may go on after the hour.
    store
        .register(&one_more, &password, "198.51.100.9", at)
        .await
        .unwrap();
    let later = Username::parse("later").unwrap();
    store
        .register(
            &later,
            &password,
            client,
            start + SignedDuration::from_hours(1) + SignedDuration::from_secs(1),
        )
        .await
        .unwrap();
    store.close().await;
}

both_engines!(latest_and_upcoming, latest_and_upcoming_story);
async fn latest_and_upcoming_story(db: &TestDatabase) {
    use heard_core::consultation::{Access, AppointmentKind, Goal, Place, ProfessionalRole};
    let store = db.open_store(t0()).await;
    let owner = account(&store, "gail").await.owner;
    let other = account(&store, "hal").await.owner;
    for i in 0..7 {
        store
            .insert(
                &owner,
                Note {
                    text: format!("note {i}"),
                },
                t0() + SignedDuration::from_mins(i),
            )
            .await
            .unwrap();
    }
    let latest: Vec<String> = store
        .list_latest::<Note>(&owner, 3)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.value.text)
        .collect();
    assert_eq!(latest, ["note 6", "note 5", "note 4"]);

    let appointment = |day: i8| heard_core::Consultation {
        starts_at: jiff::civil::date(2026, 12, day).at(10, 0, 0, 0),
        place: Place::Phone,
        place_name: String::new(),
        with_name: String::new(),
        with_role: ProfessionalRole::Gp,
        kind: AppointmentKind::FollowUp,
        goal: Goal::default(),
        questions: heard_core::Questions::default(),
        companion: None,
        access: Access::default(),
        rehearsal_notes: String::new(),
        say_first: String::new(),
        assumptions: Vec::new(),
    };
    for day in [20, 2, 9, 30, 15] {
        store.insert(&owner, appointment(day), t0()).await.unwrap();
    }
    store.insert(&other, appointment(10), t0()).await.unwrap();
    // From 5 December: the 9th, 15th and 20th, in order; the 2nd is past, the 30th is fourth.
    let from: Timestamp = "2026-12-05T00:00:00Z".parse().unwrap();
    let days: Vec<i8> = store
        .list_upcoming::<heard_core::Consultation>(&owner, from, 3)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.value.starts_at.day())
        .collect();
    assert_eq!(days, [9, 15, 20]);
    // Moving an appointment moves its reminder.
    let ninth = store
        .list_upcoming::<heard_core::Consultation>(&owner, from, 1)
        .await
        .unwrap()
        .remove(0);
    store
        .update(&owner, ninth.id, ninth.version, appointment(31), t0())
        .await
        .unwrap();
    let days: Vec<i8> = store
        .list_upcoming::<heard_core::Consultation>(&owner, from, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.value.starts_at.day())
        .collect();
    assert_eq!(days, [15, 20, 30, 31]);
    // The dashboard: every list in one query, each in its own order, only the owner's.
    let limits = heard_store::DashboardLimits {
        notes: 2,
        upcoming: 2,
        past: 1,
    };
    let dash = store.dashboard(&owner, from, limits).await.unwrap();
    let notes: Vec<String> = dash.notes.into_iter().map(|n| n.value.text).collect();
    assert_eq!(notes, ["note 6", "note 5"]);
    let days: Vec<i8> = dash
        .upcoming
        .iter()
        .map(|c| c.value.starts_at.day())
        .collect();
    assert_eq!(days, [15, 20]);
    let past: Vec<i8> = dash.past.iter().map(|c| c.value.starts_at.day()).collect();
    assert_eq!(past, [2]);
    let theirs = store.dashboard(&other, from, limits).await.unwrap();
    assert!(theirs.notes.is_empty());
    assert_eq!(
        theirs.upcoming.len(),
        1,
        "hal's own appointment on the 10th"
    );
    store.close().await;
}

both_engines!(children_belong_to_their_parent, children_story);
async fn children_story(db: &TestDatabase) {
    use heard_core::room::{RoomEntry, Slot};
    let store = db.open_store(t0()).await;
    let owner = account(&store, "ivy").await.owner;
    let other = account(&store, "jon").await.owner;
    let note = |parent: RecordId, text: &str| RoomEntry {
        consultation: parent.as_uuid(),
        slot: Slot::Notes,
        value: text.into(),
        based_on: vec![],
    };
    let a = store
        .insert(
            &owner,
            Note {
                text: "stand-in parent A".into(),
            },
            t0(),
        )
        .await
        .unwrap()
        .id;
    let b = store
        .insert(
            &owner,
            Note {
                text: "stand-in parent B".into(),
            },
            t0(),
        )
        .await
        .unwrap()
        .id;
    for text in ["one", "two"] {
        store.insert(&owner, note(a, text), t0()).await.unwrap();
    }
    let in_b = store.insert(&owner, note(b, "three"), t0()).await.unwrap();
    let texts: Vec<String> = store
        .list_children::<RoomEntry>(&owner, a)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.value.value)
        .collect();
    assert_eq!(texts, ["one", "two"]);
    assert!(
        store
            .list_children::<RoomEntry>(&other, a)
            .await
            .unwrap()
            .is_empty()
    );

    // A child moved to another parent in the clear no longer matches its sealed value.
    db.tamper(
        "UPDATE records SET parent_id = $1 WHERE id = $2",
        &[&a.to_string(), &in_b.id.to_string()],
    )
    .await;
    assert!(matches!(
        store.list_children::<RoomEntry>(&owner, a).await,
        Err(StoreError::Corrupt(_))
    ));

    db.tamper(
        "UPDATE records SET parent_id = $1 WHERE id = $2",
        &[&b.to_string(), &in_b.id.to_string()],
    )
    .await;

    // Deleting a parent deletes what belongs to it.
    store.delete::<Note>(&owner, a).await.unwrap();
    assert!(
        store
            .list_children::<RoomEntry>(&owner, a)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store.get::<RoomEntry>(&owner, in_b.id).await.is_ok(),
        "another parent's child stays"
    );
    store.close().await;
}

both_engines!(
    the_dashboard_brings_what_belongs_to_recent_appointments,
    dashboard_children_story
);
async fn dashboard_children_story(db: &TestDatabase) {
    use heard_core::consultation::{Access, AppointmentKind, Goal, Place, ProfessionalRole};
    use heard_core::reflection::Reflection;
    use heard_core::room::{RoomEntry, Slot};
    let store = db.open_store(t0()).await;
    let owner = account(&store, "kit").await.owner;
    let appointment = |day: i8| heard_core::Consultation {
        starts_at: jiff::civil::date(2026, 11, day).at(9, 0, 0, 0),
        place: Place::Phone,
        place_name: String::new(),
        with_name: String::new(),
        with_role: ProfessionalRole::Gp,
        kind: AppointmentKind::FollowUp,
        goal: Goal::default(),
        questions: heard_core::Questions::default(),
        companion: None,
        access: Access::default(),
        rehearsal_notes: String::new(),
        say_first: String::new(),
        assumptions: Vec::new(),
    };
    let old = store.insert(&owner, appointment(1), t0()).await.unwrap();
    let recent = store.insert(&owner, appointment(20), t0()).await.unwrap();
    for (parent, text) in [(old.id, "old note"), (recent.id, "recent note")] {
        let entry = RoomEntry {
            consultation: parent.as_uuid(),
            slot: Slot::Notes,
            value: text.into(),
            based_on: vec![],
        };
        store.insert(&owner, entry, t0()).await.unwrap();
    }
    store
        .insert(
            &owner,
            Reflection {
                finished: true,
                ..Reflection::new(recent.id.as_uuid())
            },
            t0(),
        )
        .await
        .unwrap();
    let limits = heard_store::DashboardLimits {
        notes: 5,
        upcoming: 3,
        past: 1,
    };
    let dash = store.dashboard(&owner, t0(), limits).await.unwrap();
    assert_eq!(dash.past.len(), 1);
    assert_eq!(dash.past[0].id, recent.id);
    let texts: Vec<&str> = dash
        .room_entries
        .iter()
        .map(|e| e.value.value.as_str())
        .collect();
    assert_eq!(
        texts,
        ["recent note"],
        "only what belongs to the shown appointments"
    );
    assert_eq!(dash.reflections.len(), 1);
    assert!(dash.upcoming.is_empty());
    store.close().await;
}

/// An open concern about a hospital, from 1 September 2026.
fn a_concern(title: &str, nation: heard_core::calendar::Nation) -> heard_core::concern::Concern {
    use heard_core::concern::{Concern, ConcernStatus, Setting};
    Concern {
        title: title.into(),
        what_happened: "Told by letter".into(),
        happened_on: Some(jiff::civil::date(2026, 9, 1)),
        aware_on: None,
        place: String::new(),
        people: String::new(),
        effect: String::new(),
        wishes: Default::default(),
        wish_other: String::new(),
        setting: Setting::Hospital,
        nation,
        unfair_treatment: false,
        harmed: false,
        characteristics: Default::default(),
        consultations: vec![],
        letters: vec![],
        status: ConcernStatus::Open,
        outcome: String::new(),
    }
}

both_engines!(concerns_and_their_events, concerns_story);
async fn concerns_story(db: &TestDatabase) {
    use heard_core::calendar::Nation;
    use heard_core::concern::{Concern, ConcernEvent, EventKind};
    let store = db.open_store(t0()).await;
    let alice = account(&store, "alice").await.owner;
    let bob = account(&store, "bob").await.owner;
    let concern = a_concern("Results not explained", Nation::Wales);
    let c = store.insert(&alice, concern, t0()).await.unwrap();
    let event = |kind| ConcernEvent {
        concern: c.id.as_uuid(),
        kind,
        on: jiff::civil::date(2026, 10, 1),
        notes: "Phoned the ward".into(),
        step: None,
        outcome: None,
    };
    let e1 = store
        .insert(&alice, event(EventKind::ConversationHeld), t0())
        .await
        .unwrap();
    store
        .insert(&alice, event(EventKind::ComplaintMade), t0())
        .await
        .unwrap();
    let events = store
        .list_children::<ConcernEvent>(&alice, c.id)
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert!(
        store
            .list_children::<ConcernEvent>(&bob, c.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.get::<ConcernEvent>(&bob, e1.id).await,
        Err(StoreError::NotFound)
    ));
    // Deleting the concern deletes its timeline with it.
    store.delete::<Concern>(&alice, c.id).await.unwrap();
    assert!(matches!(
        store.get::<ConcernEvent>(&alice, e1.id).await,
        Err(StoreError::NotFound)
    ));
}

both_engines!(open_cases_copy, open_cases_story);
/// The dashboard's copy of the open concerns: the database's summary of the case records
/// matches the one worked out from the records themselves, changes with every change to them
/// (and only to them), and the copy is kept one per person.
async fn open_cases_story(db: &TestDatabase) {
    use heard_core::calendar::Nation;
    use heard_core::concern::{ConcernEvent, EventKind, Setting};
    use heard_core::open_cases::{OpenCase, OpenCases};
    let store = db.open_store(t0()).await;
    let alice = account(&store, "alice").await.owner;
    let bob = account(&store, "bob").await.owner;
    let limits = heard_store::DashboardLimits {
        notes: 5,
        upcoming: 3,
        past: 2,
    };
    // What the dashboard reads must agree with what reading the records works out.
    let states = |owner: heard_store::Owner| {
        let store = store.clone();
        async move {
            let dash = store.dashboard(&owner, t0(), limits).await.unwrap();
            let records = store.case_records(&owner).await.unwrap();
            assert_eq!(dash.case_records, records.state);
            (dash, records)
        }
    };
    let (dash, _) = states(alice.clone()).await;
    assert!(dash.open_cases.is_none());
    let mut seen = vec![dash.case_records];
    let mut changed = |state: heard_store::RecordsState, why: &str| {
        assert!(!seen.contains(&state), "{why}: the state must be new");
        seen.push(state);
    };

    let concern = a_concern("Scan results never sent", Nation::England);
    let c = store.insert(&alice, concern.clone(), t0()).await.unwrap();
    let (dash, records) = states(alice.clone()).await;
    assert_eq!(records.concerns.len(), 1);
    changed(dash.case_records, "a concern added");

    let event = ConcernEvent {
        concern: c.id.as_uuid(),
        kind: EventKind::ComplaintMade,
        on: jiff::civil::date(2026, 11, 2),
        notes: String::new(),
        step: None,
        outcome: None,
    };
    let later = t0() + SignedDuration::from_secs(60);
    let e = store.insert(&alice, event.clone(), later).await.unwrap();
    let (dash, records) = states(alice.clone()).await;
    assert_eq!(records.events.len(), 1);
    changed(dash.case_records, "an event added");

    // Changed at the same moment it was made: the version still tells.
    let e = store
        .update(
            &alice,
            e.id,
            e.version,
            ConcernEvent {
                notes: "By email".into(),
                ..event.clone()
            },
            later,
        )
        .await
        .unwrap();
    changed(
        states(alice.clone()).await.0.case_records,
        "an event changed",
    );

    // Another event made and the first deleted at the same moment.
    store.insert(&alice, event.clone(), later).await.unwrap();
    store.delete::<ConcernEvent>(&alice, e.id).await.unwrap();
    changed(
        states(alice.clone()).await.0.case_records,
        "an event replaced",
    );

    // Other records, and other people's, leave it alone.
    let before = states(alice.clone()).await.0.case_records;
    store
        .insert(
            &alice,
            Note {
                text: "Not about the concern".into(),
            },
            later,
        )
        .await
        .unwrap();
    store.insert(&bob, concern.clone(), later).await.unwrap();
    assert_eq!(states(alice.clone()).await.0.case_records, before);

    // The copy: one per person, replaced whole, and only its owner's.
    let copy = |made_from: &str| OpenCases {
        made_from: made_from.into(),
        cases: vec![OpenCase {
            concern: c.id.as_uuid(),
            title: concern.title.clone(),
            nation: Nation::England,
            setting: Setting::Hospital,
            problem: concern.problem_dates(),
            timeline: vec![],
        }],
    };
    store
        .keep_open_cases(&alice, &copy("first"), t0())
        .await
        .unwrap();
    store
        .keep_open_cases(&alice, &copy("second"), later)
        .await
        .unwrap();
    let (dash, _) = states(alice.clone()).await;
    assert_eq!(dash.open_cases.map(|k| k.value), Some(copy("second")));
    assert_eq!(dash.case_records, before, "the copy is not a case record");
    assert!(states(bob.clone()).await.0.open_cases.is_none());
    store.close().await;
}

both_engines!(calendar_feeds, calendar_feeds_story);
async fn calendar_feeds_story(db: &TestDatabase) {
    let store = db.open_store(t0()).await;
    let alice = account(&store, "alice").await.owner;
    assert_eq!(store.calendar_feed(&alice).await.unwrap(), None);
    let first = store
        .replace_calendar_feed(&alice, false, t0())
        .await
        .unwrap();
    assert_eq!(first.token.len(), 64);
    let (owner, details) = store
        .calendar_feed_owner(&first.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(owner.user_id(), alice.user_id());
    assert!(!details);
    assert_eq!(
        store.calendar_feed(&alice).await.unwrap(),
        Some(first.clone())
    );

    store.set_calendar_feed_details(&alice, true).await.unwrap();
    assert!(
        store
            .calendar_feed_owner(&first.token)
            .await
            .unwrap()
            .unwrap()
            .1
    );

    // Replacing makes the old address useless at once.
    let second = store
        .replace_calendar_feed(&alice, false, t0())
        .await
        .unwrap();
    assert_ne!(first.token, second.token);
    assert!(
        store
            .calendar_feed_owner(&first.token)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .calendar_feed_owner(&second.token)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .calendar_feed_owner("not-a-token")
            .await
            .unwrap()
            .is_none()
    );

    // The token is not in the database in the clear.
    store.close().await;
    let stored = db.everything_stored().await;
    assert!(!stored.windows(64).any(|w| w == second.token.as_bytes()));
    let store = db.open_store_again(&store).await;
    store.remove_calendar_feed(&alice).await.unwrap();
    assert!(
        store
            .calendar_feed_owner(&second.token)
            .await
            .unwrap()
            .is_none()
    );
}

both_engines!(directory_import, directory_story);
async fn directory_story(db: &TestDatabase) {
    use heard_core::directory::parse_directory;
    let store = db.open_store(t0()).await;
    let header = "name,kind,nation,area,phone,email,website,address,last_checked\n";
    let first = parse_directory(&format!(
        "{header}Leeds PALS,pals,england,Leeds,0113 000 0000,,,,2026-11-24\nYork PALS,pals,england,York,,york@example.org,,,2026-11-24\n"
    ))
    .unwrap();
    store.replace_directory(&first, t0()).await.unwrap();
    let stored = store.imported_directory().await.unwrap();
    assert_eq!(
        stored
            .iter()
            .map(|(_, o)| o.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Leeds PALS", "York PALS"]
    );
    assert_eq!(stored[0].1, first[0]);
    // A new import replaces the old.
    let second = parse_directory(&format!(
        "{header}Cardiff advocacy,advocacy,wales,Cardiff,,,https://example.org/,,2026-11-24\n"
    ))
    .unwrap();
    store.replace_directory(&second, t0()).await.unwrap();
    let stored = store.imported_directory().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].1.name, "Cardiff advocacy");
}

both_engines!(shared_experiences, shared_experiences_story);
async fn shared_experiences_story(db: &TestDatabase) {
    use heard_core::experience::{ExperienceStatus, Theme};
    use heard_store::Moderation;
    let store = db.open_store(t0()).await;
    let amara = account(&store, "amara").await.owner;
    let bola = account(&store, "bola").await.owner;
    let records_before = db.count_rows("records").await;
    let first = store
        .share_experience(
            &amara,
            "Heard at last",
            "The nurse sat down and listened.",
            &[Theme::GoodExperience],
            t0(),
        )
        .await
        .unwrap();
    let second = store
        .share_experience(&bola, "Rushed", "Five minutes, no questions.", &[], t0())
        .await
        .unwrap();
    // Random ids, and nothing of the authors' written when they shared.
    assert_eq!(first.get_version_num(), 4);
    assert_eq!(db.count_rows("records").await, records_before);
    let pending = store
        .shared_experiences(ExperienceStatus::Pending, 10)
        .await
        .unwrap();
    let mut ids: Vec<_> = pending.iter().map(|e| e.id).collect();
    ids.sort();
    let mut expected = vec![first, second];
    expected.sort();
    assert_eq!(ids, expected);
    // Only the month is kept.
    assert_eq!(pending[0].submitted_in, jiff::civil::date(2026, 11, 1));
    // Each author finds their own, and only their own.
    let mine = store.my_shared_experiences(&amara).await.unwrap();
    assert_eq!(mine.iter().map(|e| e.id).collect::<Vec<_>>(), vec![first]);
    let theirs = store.my_shared_experiences(&bola).await.unwrap();
    assert_eq!(
        theirs.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![second]
    );
    assert!(
        store
            .shared_experiences(ExperienceStatus::Published, 10)
            .await
            .unwrap()
            .is_empty()
    );

    let decided = t0() + SignedDuration::from_hours(30);
    store
        .moderate_experience(first, &Moderation::Publish, decided)
        .await
        .unwrap();
    store
        .moderate_experience(
            second,
            &Moderation::Reject {
                reason: "It names the ward.".into(),
            },
            decided,
        )
        .await
        .unwrap();
    let published = store
        .shared_experiences(ExperienceStatus::Published, 10)
        .await
        .unwrap();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].title, "Heard at last");
    assert_eq!(published[0].themes, vec![Theme::GoodExperience]);
    assert_eq!(
        published[0].decided_on,
        Some(jiff::civil::date(2026, 11, 24))
    );
    let rejected = store.my_shared_experiences(&bola).await.unwrap();
    assert_eq!(rejected[0].status, ExperienceStatus::Rejected);
    assert_eq!(rejected[0].reason, "It names the ward.");

    // Only the author withdraws it; for anyone else it is not there. Then it is gone at once.
    assert!(matches!(
        store.withdraw_experience(&bola, first).await,
        Err(StoreError::NotFound)
    ));
    store.withdraw_experience(&amara, first).await.unwrap();
    assert!(
        store
            .my_shared_experiences(&amara)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .shared_experiences(ExperienceStatus::Published, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store
            .moderate_experience(first, &Moderation::Publish, t0())
            .await,
        Err(StoreError::NotFound)
    ));
    store.close().await;
}

both_engines!(
    experiences_shared_before_lose_their_link_to_the_author,
    experience_upgrade_story
);
/// Before, an author kept a record of kind `shared-experience` (their owner id, the moment they
/// shared) and the experience had a time-ordered id and times to the millisecond. The database
/// is built as that version left it; today's opens it, turns each link into a tag, and removes
/// the records; the author can still find and withdraw their own.
async fn experience_upgrade_story(db: &TestDatabase) {
    use heard_core::experience::ExperienceStatus;
    use heard_store::sealing::{DataKey, RecordAddress};
    db.migrate_through("20261126000001_experiences.sql").await;
    let key = db.instance_key.clone();
    let user = uuid::Uuid::new_v4();
    let data_key = DataKey::random();
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000";
    db.tamper_bytes(
        "INSERT INTO users (id, username, password_hash, wrapped_key, role, created_at) \
         VALUES ($1, 'amara', $2, $3, 'member', 1763892000000)",
        &[&user.to_string(), hash],
        &[&key.wrap(user, &data_key).unwrap()],
    )
    .await;
    // Her link record, sealed with her key, as the old version wrote it.
    let old_id = uuid::Uuid::now_v7();
    let token = "a".repeat(64);
    let token_hash = "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb";
    let link = uuid::Uuid::now_v7();
    let sealed = data_key
        .seal_record(
            &RecordAddress {
                owner: user,
                id: link,
                kind: "shared-experience",
            },
            serde_json::json!({"shared_id": old_id, "token": token, "title": "Old one"})
                .to_string()
                .as_bytes(),
        )
        .unwrap();
    db.tamper_bytes(
        "INSERT INTO records (id, owner_id, kind, version, created_at, updated_at, sealed) \
         VALUES ($1, $2, 'shared-experience', 1, 1763892000123, 1763892000123, $3)",
        &[&link.to_string(), &user.to_string()],
        &[&sealed],
    )
    .await;
    db.tamper(
        "INSERT INTO shared_experiences (id, title, body, themes, status, reason, token_hash, submitted_at, decided_at) \
         VALUES ($1, 'Old one', 'From before.', 'time', 'published', '', $2, 1763892000123, 1763978400000)",
        &[&old_id.to_string(), token_hash],
    )
    .await;
    let orphan = uuid::Uuid::now_v7();
    db.tamper(
        "INSERT INTO shared_experiences (id, title, body, themes, status, reason, token_hash, submitted_at) \
         VALUES ($1, 'No author', 'Its link is lost.', '', 'pending', '', 'deadbeef', 1763892000999)",
        &[&orphan.to_string()],
    )
    .await;

    // Today's version opens it.
    let store = Store::open(db.config(key.clone()), t0()).await.unwrap();
    assert_eq!(
        db.count_rows_where("records", "kind = 'shared-experience'")
            .await,
        0,
        "the link record is gone"
    );
    let published = store
        .shared_experiences(ExperienceStatus::Published, 10)
        .await
        .unwrap();
    assert_eq!(published.len(), 1);
    let mine = &published[0];
    assert_eq!(mine.title, "Old one");
    assert_eq!(mine.id.get_version_num(), 4, "a new random id");
    assert_eq!(
        mine.submitted_in,
        jiff::civil::date(2025, 11, 1),
        "the month only"
    );
    assert_eq!(mine.decided_on, Some(jiff::civil::date(2025, 11, 24)));
    assert_eq!(mine.themes, vec![heard_core::experience::Theme::Time]);
    let pending = store
        .shared_experiences(ExperienceStatus::Pending, 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].title, "No author");
    assert_eq!(pending[0].id.get_version_num(), 4);
    assert_eq!(
        db.count_rows_where("shared_experiences", "legacy_token_hash IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        db.count_rows_where("instance", "experience_links_pending = 0")
            .await,
        1,
        "nothing left to do at the next start"
    );
    // The author, signed in with her own key, finds hers and can take it back.
    let owner = store.owner_for_tests(user).await.unwrap();
    let found = store.my_shared_experiences(&owner).await.unwrap();
    assert_eq!(
        found.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![mine.id]
    );
    store.withdraw_experience(&owner, mine.id).await.unwrap();
    store.close().await;
    // Opening again changes nothing more.
    let store = Store::open(db.config(key), t0()).await.unwrap();
    assert_eq!(
        store
            .shared_experiences(ExperienceStatus::Pending, 10)
            .await
            .unwrap()[0]
            .id,
        pending[0].id
    );
    store.close().await;
}

both_engines!(the_database_files_are_private, private_files_story);
async fn private_files_story(db: &TestDatabase) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Some(dir) = &db.dir else {
            // PostgreSQL keeps its own files; there is nothing of Heard's on disk to check.
            return;
        };
        let mode = |name: &str| {
            std::fs::metadata(dir.join(name))
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        // A new database, its write-ahead log and shared memory: the owner's alone.
        let store = db.open_store(t0()).await;
        account(&store, "piper").await;
        for name in ["heard.db", "heard.db-wal", "heard.db-shm"] {
            assert_eq!(mode(name), 0o600, "{name}");
        }
        store.close().await;
        // Files left readable by others (by an older version, or a copy) are tightened.
        for name in ["heard.db", "heard.db-wal", "heard.db-shm"] {
            if dir.join(name).exists() {
                std::fs::set_permissions(dir.join(name), std::fs::Permissions::from_mode(0o644))
                    .unwrap();
            }
        }
        let store = db.open_store_again(&store).await;
        assert_eq!(mode("heard.db"), 0o600);
        store.close().await;
    }
}
