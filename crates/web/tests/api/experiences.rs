//! Shared experiences over HTTP: the identifying-details check, anonymity in the queue,
//! moderation by an operator only, and withdrawal that takes effect at once.

use heard_store::testing::TestDatabase;
use heard_store::{Role, both_engines};
use reqwest::StatusCode;

use crate::helpers::{csrf_in, location, main_of, spawn_app};

both_engines!(
    an_experience_is_checked_moderated_and_withdrawn,
    experience_story
);
async fn experience_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let author = app.signed_in("amara").await;

    // Identifying details are pointed out, and nothing is sent until the author decides.
    let response = author
        .submit(
            "/experiences/new",
            "/experiences",
            &[
                ("title", "Heard at last"),
                (
                    "body",
                    "Dr Okafor on Ward 7 at St Mary's Hospital called me on 07700 900123.",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Check before you share"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains("07700 900123"));
    assert!(page.contains("Okafor"));
    assert!(page.contains("name=\"share_anyway\""));

    // Empty fields are explained.
    let response = author
        .submit(
            "/experiences/new",
            "/experiences",
            &[("title", ""), ("body", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Enter a short title") && page.contains("Write what happened"));

    // Edited out, it goes to the queue.
    let body =
        "The nurse sat down with me and explained the plan again, slowly. I felt listened to.";
    let response = author
        .submit(
            "/experiences/new",
            "/experiences",
            &[
                ("title", "Heard at last"),
                ("body", body),
                ("themes", "good-experience"),
                ("themes", "time"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/experiences/mine?done=shared");
    let mine = author.get_html("/experiences/mine").await;
    assert!(mine.contains("Waiting to be read"));
    // Not public until an operator says so.
    let reader = app.signed_in("bola").await;
    assert!(
        !reader
            .get_html("/experiences")
            .await
            .contains("sat down with me")
    );

    // Only operators see the queue, and it does not say who wrote it.
    assert_eq!(
        reader.get("/moderation").await.status(),
        StatusCode::NOT_FOUND
    );
    let operator = app.signed_in("moderator").await;
    app.store
        .set_role(
            &heard_core::Username::parse("moderator").unwrap(),
            Role::Operator,
        )
        .await
        .unwrap();
    let queue = operator.get_html("/moderation").await;
    assert!(queue.contains("sat down with me"));
    assert!(!main_of(&queue).contains("amara"));
    let id = queue
        .split("action=\"/moderation/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    // A non-operator's decision is refused.
    let refused = reader
        .submit(
            "/experiences",
            &format!("/moderation/{id}"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    // Rejecting needs a reason.
    let response = operator
        .post_raw(
            &format!("/moderation/{id}"),
            &[
                ("csrf", &csrf_in(&queue)),
                ("action", "reject"),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Give a reason"));
    let response = operator
        .post_raw(
            &format!("/moderation/{id}"),
            &[("csrf", &csrf_in(&queue)), ("action", "publish")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let public = reader.get_html("/experiences").await;
    assert!(public.contains("sat down with me"));
    assert!(public.contains("A good experience") && public.contains("Not enough time"));
    // Public means public: someone who is not signed in sees it too.
    let visitor = app.browser().get_html("/experiences").await;
    assert!(visitor.contains("sat down with me"));
    assert!(
        author
            .get_html("/experiences/mine")
            .await
            .contains("Published")
    );

    // Taken down with a reason the author sees.
    let queue = operator.get_html("/moderation").await;
    operator
        .post_raw(
            &format!("/moderation/{id}"),
            &[
                ("csrf", &csrf_in(&queue)),
                ("action", "unpublish"),
                ("reason", "Please take out the ward name."),
            ],
        )
        .await;
    assert!(
        !reader
            .get_html("/experiences")
            .await
            .contains("sat down with me")
    );
    let mine = author.get_html("/experiences/mine").await;
    assert!(mine.contains("Please take out the ward name."));

    // Withdrawn: gone everywhere at once, and another person cannot withdraw it.
    let withdraw = mine
        .split("action=\"/experiences/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let stranger = reader
        .submit("/experiences", &format!("/experiences/{withdraw}"), &[])
        .await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let response = author
        .post_raw(
            &format!("/experiences/{withdraw}"),
            &[("csrf", &csrf_in(&mine))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        !operator
            .get_html("/moderation")
            .await
            .contains("sat down with me")
    );
    assert!(
        author
            .get_html("/experiences/mine")
            .await
            .contains("You have not shared anything.")
    );
    app.stop().await;
}
