//! Sessions that end: idle and absolute limits, the warning, and nothing typed lost.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use jiff::SignedDuration;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, csrf_in, hidden_value, location, main_of, spawn_app};

both_engines!(an_idle_session_ends_and_says_why, idle_story);
async fn idle_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("pat").await;
    let page = browser.get_html("/dashboard").await;
    // The page tells the warning script how long is left, and offers to stay signed in.
    assert!(page.contains("data-idle-seconds=\"1800\""));
    assert!(page.contains("action=\"/session/keep-alive\""));
    assert!(page.contains("Stay signed in"));

    // Using Heard keeps the session going.
    app.clock.advance(SignedDuration::from_mins(25));
    assert!(
        browser
            .get_html("/dashboard")
            .await
            .contains("data-idle-seconds=\"1800\"")
    );
    app.clock.advance(SignedDuration::from_mins(25));
    let response = browser
        .submit(
            "/dashboard",
            "/session/keep-alive",
            &[("return_to", "/dashboard")],
        )
        .await;
    assert_eq!(location(&response), "/dashboard");

    // Thirty minutes without a request ends it.
    app.clock.advance(SignedDuration::from_mins(31));
    let response = browser.get("/dashboard").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = location(&response);
    assert_eq!(to, "/sign-in?next=%2Fdashboard");
    let page = browser.get_html(&to).await;
    assert!(page.contains("You were signed out because Heard was not used for 30 minutes."));
    assert_eq!(hidden_value(&page, "next"), "/dashboard");
    let response = browser.sign_in("pat", PASSWORD).await;
    assert_eq!(location(&response), "/dashboard");
    app.stop().await;
}

both_engines!(a_session_ends_twelve_hours_after_sign_in, absolute_story);
async fn absolute_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("pat").await;
    for _ in 0..35 {
        app.clock.advance(SignedDuration::from_mins(20));
        assert_eq!(browser.get("/dashboard").await.status(), StatusCode::OK);
    }
    app.clock.advance(SignedDuration::from_mins(20)); // 12 hours
    assert_eq!(
        browser.get("/dashboard").await.status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

both_engines!(a_note_typed_as_the_session_ends_is_kept, kept_story);
async fn kept_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("pat").await;
    let page = browser.get_html("/dashboard").await;
    let (csrf, id) = (csrf_in(&page), hidden_value(&page, "id"));

    // The person types for 40 minutes, then presses Save.
    app.clock.advance(SignedDuration::from_mins(40));
    let typed = "The nurse said to call if the temperature goes above 37.8";
    let response = browser
        .post_raw("/notes", &[("csrf", &csrf), ("id", &id), ("text", typed)])
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let page = response.text().await.unwrap();
    assert!(page.contains("We kept what you typed."));

    // Signing in again shows what they typed and saves it with one button.
    let response = browser
        .post_raw(
            "/sign-in",
            &[
                ("csrf", &csrf_in(&page)),
                ("username", "pat"),
                ("password", PASSWORD),
                ("kept", &hidden_value(&page, "kept")),
                ("kept_action", &hidden_value(&page, "kept_action")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let resume = response.text().await.unwrap();
    assert!(main_of(&resume).contains(typed));
    assert!(resume.contains("action=\"/notes\""));
    let response = browser
        .post_raw(
            "/notes",
            &[
                ("csrf", &csrf_in(&resume)),
                ("id", &hidden_value(&resume, "id")),
                ("text", &hidden_value(&resume, "text")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let dashboard = browser.get_html("/dashboard").await;
    assert_eq!(dashboard.matches("<li class=\"note\">").count(), 1);
    assert!(dashboard.contains(typed));
    app.stop().await;
}

both_engines!(
    stay_signed_in_after_the_end_just_signs_back_in,
    keep_alive_after_end_story
);
async fn keep_alive_after_end_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.signed_in("pat").await;
    let page = browser.get_html("/dashboard").await;
    app.clock.advance(SignedDuration::from_mins(31));
    // Pressed "Stay signed in" too late: nothing typed to keep, so sign in and go back.
    let response = browser
        .post_raw(
            "/session/keep-alive",
            &[("csrf", &csrf_in(&page)), ("return_to", "/dashboard")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let page = response.text().await.unwrap();
    assert!(page.contains("You were signed out because Heard was not used for 30 minutes."));
    assert!(!page.contains("name=\"kept\""));
    assert_eq!(hidden_value(&page, "next"), "/dashboard");
    app.stop().await;
}
