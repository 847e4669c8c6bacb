//! Storing a record over HTTP: notes, from creation to deletion, owned by one person.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{csrf_in, hidden_value, location, main_of, spawn_app};

both_engines!(a_note_is_stored_read_changed_and_deleted, note_story);
async fn note_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("morgan").await;
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("You have no notes yet.")
    );

    let id = browser
        .add_note("Ask whether the scan can be moved\nI work Tuesdays")
        .await;
    let dashboard = browser.get_html("/dashboard?done=note-saved").await;
    assert!(dashboard.contains("Note saved."));
    assert!(dashboard.contains("Ask whether the scan can be moved\nI work Tuesdays"));
    assert!(dashboard.contains("Last changed Monday 23 November 2026, 10am"));

    // Download them all as text, exactly as typed.
    let response = browser.get("/notes/download").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("content-disposition").unwrap(),
        "attachment; filename=\"heard-notes.txt\""
    );
    let text = response.text().await.unwrap();
    assert!(text.starts_with("Your notes from Heard\r\n"));
    assert!(text.contains("Ask whether the scan can be moved\r\nI work Tuesdays"));

    // Read it back on its own page and change it.
    let edit = browser.get_html(&format!("/notes/{id}/edit")).await;
    assert!(edit.contains(">Ask whether the scan can be moved\nI work Tuesdays</textarea>"));
    assert_eq!(hidden_value(&edit, "version"), "1");
    let response = browser
        .post_raw(
            &format!("/notes/{id}"),
            &[
                ("csrf", &csrf_in(&edit)),
                ("version", "1"),
                ("text", "Scan moved to Wednesday"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/dashboard?done=note-updated#notes");
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("Scan moved to Wednesday")
    );

    // Deleting asks first, then deletes.
    let confirm = browser.get_html(&format!("/notes/{id}/delete")).await;
    assert!(confirm.contains("Delete this note?") && confirm.contains("Scan moved to Wednesday"));
    let response = browser
        .submit(
            &format!("/notes/{id}/delete"),
            &format!("/notes/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(location(&response), "/dashboard?done=note-deleted#notes");
    assert_eq!(
        browser.get(&format!("/notes/{id}/edit")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("You have no notes yet.")
    );
    app.stop().await;
}

both_engines!(a_stale_edit_keeps_both_versions, conflict_story);
async fn conflict_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let phone = app.signed_in("morgan").await;
    let id = phone.add_note("Original").await;
    let laptop = app.browser();
    laptop.sign_in("morgan", crate::helpers::PASSWORD).await;

    // Both open the note at version 1; the laptop saves first.
    let phone_form = phone.get_html(&format!("/notes/{id}/edit")).await;
    let laptop_form = laptop.get_html(&format!("/notes/{id}/edit")).await;
    let saved = laptop
        .post_raw(
            &format!("/notes/{id}"),
            &[
                ("csrf", &csrf_in(&laptop_form)),
                ("version", "1"),
                ("text", "Laptop version"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);

    // The phone's save is refused, and nothing is lost: both versions are on the page.
    let response = phone
        .post_raw(
            &format!("/notes/{id}"),
            &[
                ("csrf", &csrf_in(&phone_form)),
                ("version", "1"),
                ("text", "Phone version"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("This note was changed somewhere else"));
    assert!(page.contains("Laptop version"));
    assert!(page.contains(">Phone version</textarea>"));
    assert_eq!(hidden_value(&page, "version"), "2");
    assert!(
        phone
            .get_html(&format!("/notes/{id}/edit"))
            .await
            .contains(">Laptop version</textarea>")
    );

    // Saving again from the conflict page (now at version 2) goes through.
    let response = phone
        .post_raw(
            &format!("/notes/{id}"),
            &[
                ("csrf", &csrf_in(&page)),
                ("version", "2"),
                ("text", "Phone version"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    app.stop().await;
}

both_engines!(bad_note_input_is_refused_and_kept, bad_input_story);
async fn bad_input_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("morgan").await;

    let response = browser
        .submit("/dashboard", "/notes", &[("text", "   ")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("href=\"#text\">Write something in the note"));

    let long = "word ".repeat(2001);
    let response = browser
        .submit("/dashboard", "/notes", &[("text", &long)])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("A note can be up to 10,000 characters."));
    assert!(
        page.contains(long.trim_end()),
        "what was typed is shown again"
    );
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("You have no notes yet.")
    );

    // User text is escaped, never markup.
    browser
        .add_note("<script>alert(1)</script> & \"quotes\"")
        .await;
    let page = browser.get_html("/dashboard").await;
    assert!(!main_of(&page).contains("<script>alert(1)</script>"));
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || page.contains("&lt;script&gt;")
    );

    // Nonsense ids and versions are a friendly not-found or bad-request page.
    assert_eq!(
        browser.get("/notes/not-an-id/edit").await.status(),
        StatusCode::NOT_FOUND
    );
    let id = browser.add_note("fine").await;
    let response = browser
        .submit(
            "/dashboard",
            &format!("/notes/{id}"),
            &[("version", "x"), ("text", "y")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(page.contains("That could not be read"));
    app.stop().await;
}

both_engines!(sending_a_note_twice_stores_it_once, idempotent_story);
async fn idempotent_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("morgan").await;
    let page = browser.get_html("/dashboard").await;
    let (csrf, id) = (csrf_in(&page), hidden_value(&page, "id"));
    for _ in 0..3 {
        let response = browser
            .post_raw(
                "/notes",
                &[
                    ("csrf", &csrf),
                    ("id", &id),
                    ("text", "sent on a bad connection"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let page = browser.get_html("/dashboard").await;
    assert_eq!(page.matches("<li class=\"note\">").count(), 1);
    app.stop().await;
}

both_engines!(another_persons_note_is_not_found, ownership_story);
async fn ownership_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let owner = app.signed_in("owner").await;
    let id = owner.add_note("private to the owner").await;
    let other = app.signed_in("other").await;

    assert_eq!(
        other.get(&format!("/notes/{id}/edit")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other.get(&format!("/notes/{id}/delete")).await.status(),
        StatusCode::NOT_FOUND
    );
    let change = other
        .submit(
            "/dashboard",
            &format!("/notes/{id}"),
            &[("version", "1"), ("text", "hijacked")],
        )
        .await;
    assert_eq!(change.status(), StatusCode::NOT_FOUND);
    let delete = other
        .submit("/dashboard", &format!("/notes/{id}/delete"), &[])
        .await;
    assert_eq!(delete.status(), StatusCode::NOT_FOUND);
    // Reusing the owner's id makes a note of the other person's own: the answer is the same as
    // for a new id (so it says nothing about the owner's), and the owner's note is untouched.
    let reuse = other
        .submit("/dashboard", "/notes", &[("id", &id), ("text", "clash")])
        .await;
    let fresh = other
        .submit(
            "/dashboard",
            "/notes",
            &[("id", &uuid::Uuid::now_v7().to_string()), ("text", "fresh")],
        )
        .await;
    assert_eq!(reuse.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&reuse), location(&fresh));
    let theirs = other.get_html("/dashboard").await;
    assert!(theirs.contains("clash") && !theirs.contains("private to the owner"));

    let page = owner.get_html(&format!("/notes/{id}/edit")).await;
    assert!(page.contains(">private to the owner</textarea>"));
    assert_eq!(hidden_value(&page, "version"), "1");
    app.stop().await;
}

both_engines!(the_dashboard_shows_the_newest_notes, dashboard_notes_story);
async fn dashboard_notes_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("morgan").await;
    for i in 1..=7 {
        app.clock.advance(jiff::SignedDuration::from_mins(1));
        browser.add_note(&format!("Note number {i}")).await;
    }
    let dashboard = browser.get_html("/dashboard").await;
    assert_eq!(dashboard.matches("<li class=\"note\">").count(), 5);
    assert!(dashboard.contains("Note number 7") && dashboard.contains("Note number 3"));
    assert!(!dashboard.contains("Note number 2"));
    assert!(dashboard.contains("href=\"/notes\">See all your notes"));
    let all = browser.get_html("/notes").await;
    assert_eq!(all.matches("<li class=\"note\">").count(), 7);
    assert!(
        all.find("Note number 7").unwrap() < all.find("Note number 1").unwrap(),
        "newest first"
    );
    app.stop().await;
}
