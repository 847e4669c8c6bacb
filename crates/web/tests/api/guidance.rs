//! Learn over HTTP: guidance and the glossary for everyone, signed in or not.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{main_of, spawn_app};

both_engines!(guidance_and_the_glossary_are_open_to_all, guidance_story);
async fn guidance_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let visitor = app.browser();
    let index = visitor.get_html("/guidance").await;
    for title in [
        "Making the most of a consultation",
        "Your rights",
        "Writing to your healthcare professional",
    ] {
        assert!(index.contains(title), "{title}");
    }
    assert_eq!(index.matches("href=\"/guidance/").count(), 16);

    let page = visitor.get_html("/guidance/your-rights").await;
    let main = main_of(&page);
    // Headings, links to the part of Heard that acts on it, glossary terms, sources, dates.
    assert!(
        main.contains("<h2 class=\"heading-m\" id=\"seeing-your-health-records\">"),
        "{main}"
    );
    assert!(main.contains("href=\"/glossary#subject-access-request\""));
    assert!(main.contains("href=\"/concerns/new\""));
    assert!(main.contains("Information Commissioner"));
    assert!(main.contains("Next review due 29 May 2027"));
    assert!(!main.contains("**"), "no Markdown left over");

    let glossary = visitor.get_html("/glossary").await;
    assert!(glossary.matches("<dt id=").count() >= 60);
    assert!(glossary.contains("id=\"pals\""));

    assert_eq!(
        visitor.get("/guidance/no-such-page").await.status(),
        StatusCode::NOT_FOUND
    );
    // The signed-in dashboard leads here.
    let person = app.signed_in("amara").await;
    assert!(
        person
            .get_html("/dashboard")
            .await
            .contains("href=\"/guidance\"")
    );
    app.stop().await;
}

both_engines!(an_operator_folder_overrides_a_page, override_story);
async fn override_story(db: &TestDatabase) {
    let dir = std::env::temp_dir().join(format!("heard-override-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("guidance")).unwrap();
    let ours = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../content/guidance/giving-feedback.md");
    let text = std::fs::read_to_string(ours).unwrap().replacen(
        "\n+++\n",
        "\n+++\n\nOur local feedback team is on the ground floor.\n\n",
        1,
    );
    std::fs::write(dir.join("guidance/giving-feedback.md"), text).unwrap();
    let config = heard_web::WebConfig {
        content_dir: Some(dir.clone()),
        ..heard_web::WebConfig::default()
    };
    let app = crate::helpers::spawn_app_with(db, config).await;
    let page = app.browser().get_html("/guidance/giving-feedback").await;
    assert!(page.contains("Our local feedback team is on the ground floor."));
    // The other pages are the built-in ones.
    assert!(
        app.browser()
            .get_html("/guidance")
            .await
            .contains("Your rights")
    );
    app.stop().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
