//! Creating an account, signing in and out.

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, location, main_of, spawn_app};

both_engines!(
    home_page_invites_a_new_user_in,
    home_page_invites_a_new_user_in_story
);
async fn home_page_invites_a_new_user_in_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let page = app.browser().get_html("/").await;
    assert!(page.contains("<html lang=\"en-GB\">"));
    assert!(page.contains("people with cancer"));
    assert!(page.contains("href=\"/register\">Create an account"));
    assert!(page.contains("href=\"/sign-in\">Sign in"));
    app.stop().await;
}

both_engines!(
    register_use_sign_out_and_be_refused,
    register_use_sign_out_story
);
async fn register_use_sign_out_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.browser();
    let response = browser.register("Sam.Taylor", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/dashboard?done=registered");
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("heard_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let session_value = cookie.split(';').next().unwrap().to_owned();

    // The dashboard greets them and says what to do first.
    let dashboard = browser.get_html("/dashboard?done=registered").await;
    assert!(dashboard.contains("Hello, sam.taylor"));
    assert!(dashboard.contains("Your account is ready."));
    assert!(dashboard.contains("What would you like to do first?"));
    assert!(dashboard.contains("href=\"/consultations/new\">Prepare for an appointment"));
    assert!(dashboard.contains("href=\"/concerns/new\">Raise a concern"));
    assert!(dashboard.contains("href=\"/guidance\">Read the guidance"));

    // Sign out ends the session on the server: the old cookie no longer works anywhere.
    let response = browser.sign_out().await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/?signed_out=1");
    assert!(
        browser
            .get_html("/?signed_out=1")
            .await
            .contains("You have signed out.")
    );
    let replayed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(browser.url("/dashboard"))
        .header("cookie", &session_value)
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), StatusCode::SEE_OTHER);
    assert!(location(&replayed).starts_with("/sign-in?next=%2Fdashboard"));

    // Signing in again works and gives a new session id.
    let response = browser.sign_in("sam.taylor", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/dashboard");
    let new_cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert_ne!(new_cookie.split(';').next().unwrap(), session_value);
    app.stop().await;
}

both_engines!(
    registration_errors_keep_what_was_typed,
    registration_errors_story
);
async fn registration_errors_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let browser = app.browser();

    // Too short: a message next to the field, the username kept, the password never echoed.
    let response = browser.register("alex", "short7!").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("<title>Error: Create an account"));
    assert!(page.contains("There is a problem"));
    assert!(page.contains("href=\"#password\">The password must be at least 8 characters"));
    assert!(page.contains("id=\"password-error\""));
    assert!(page.contains("value=\"alex\""));
    assert!(!page.contains("short7!"));

    // One of the most common passwords: refused with advice.
    let page = browser
        .register("alex", "iloveyou1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("This password would be easy for someone to guess."));
    assert!(page.contains("<li>"), "advice is listed");
    assert!(!page.contains("iloveyou1"));

    // Built from the username.
    let page = browser
        .register("alexander", "alexander1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("easy for someone to guess"));

    // The confirmation must match.
    let response = browser
        .submit(
            "/register",
            "/register",
            &[
                ("username", "alex"),
                ("password", PASSWORD),
                ("password_confirm", "lantern orbit"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("The two passwords are not the same.")
    );

    // Bad username characters, shown escaped.
    let page = browser
        .register("<b>sam</b>", PASSWORD)
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Use only letters, numbers"));
    assert!(
        page.contains("value=\"&#60;b&#62;sam&#60;/b&#62;\"")
            || page.contains("value=\"&lt;b&gt;sam&lt;/b&gt;\""),
        "{}",
        main_of(&page)
    );
    assert!(!page.contains("<b>sam</b>"));

    // A taken username, whatever its case.
    assert_eq!(
        browser.register("alex", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let other = app.browser();
    let response = other.register("ALEX", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("That username is already in use.")
    );
    app.stop().await;
}

both_engines!(
    sign_in_never_says_which_part_was_wrong,
    sign_in_errors_story
);
async fn sign_in_errors_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    app.signed_in("robin").await;
    let browser = app.browser();
    let wrong_password = browser.sign_in("robin", "not the password").await;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_password = main_of(&wrong_password.text().await.unwrap()).to_owned();
    let no_such_user = browser
        .sign_in("nobody", "not the password")
        .await
        .text()
        .await
        .unwrap();
    assert!(wrong_password.contains("The username or password is not right."));
    // Same words either way, apart from the name typed back into the box.
    assert_eq!(
        wrong_password.replace("robin", "nobody"),
        main_of(&no_such_user)
    );

    let blank = browser.sign_in("", "").await.text().await.unwrap();
    assert!(blank.contains("Enter your username") && blank.contains("Enter your password"));

    // A signed-in person visiting the sign-in page goes to their dashboard.
    let response = app.signed_in("casey").await.get("/sign-in").await;
    assert_eq!(location(&response), "/dashboard");
    app.stop().await;
}

both_engines!(
    wrong_passwords_slow_that_device_not_the_owner,
    throttling_story
);
async fn throttling_story(db: &TestDatabase) {
    // Behind a proxy Heard trusts, so each browser has an address of its own.
    let config = heard_web::WebConfig {
        trust_proxy_headers: true,
        ..Default::default()
    };
    let app = crate::helpers::spawn_app_with(db, config).await;
    app.browser_from("203.0.113.20")
        .register("jordan", PASSWORD)
        .await;
    let guesser = app.browser_from("198.51.100.7");
    for _ in 0..3 {
        assert_eq!(
            guesser.sign_in("jordan", "wrong guess here").await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    // The fourth try from that device must wait, even with the right password, and is told
    // how long in plain words.
    let response = guesser.sign_in("jordan", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("wait 2 seconds, then try again"),
        "{}",
        main_of(&page)
    );
    // The owner, on their own phone, is not held up at all.
    let owner = app.browser_from("203.0.113.44");
    assert_eq!(
        owner.sign_in("jordan", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    // Once the wait is over, the right password works from the guessing device too.
    app.clock.advance(jiff::SignedDuration::from_secs(2));
    assert_eq!(
        guesser.sign_in("jordan", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

both_engines!(accounts_are_limited_per_client, registration_limit_story);
async fn registration_limit_story(db: &TestDatabase) {
    let config = heard_web::WebConfig {
        trust_proxy_headers: true,
        ..Default::default()
    };
    let app = crate::helpers::spawn_app_with(db, config).await;
    let busy = app.browser_from("198.51.100.30");
    for i in 0..20 {
        let response = busy.register(&format!("reader{i}"), PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "account {i}");
        busy.sign_out().await;
    }
    let response = busy.register("onemore", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Many accounts have been made from this connection")
            && page.contains("value=\"onemore\""),
        "{}",
        main_of(&page)
    );
    // Someone else is not affected.
    assert_eq!(
        app.browser_from("203.0.113.31")
            .register("onemore", PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

both_engines!(secure_cookies_use_the_host_prefix, secure_cookies_story);
async fn secure_cookies_story(db: &TestDatabase) {
    let config = heard_web::WebConfig {
        secure_cookies: true,
        ..Default::default()
    };
    let app = crate::helpers::spawn_app_with(db, config).await;
    let response = app.browser().get("/register").await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cookie.starts_with("__Host-heard_csrf=") && cookie.contains("; Secure"),
        "{cookie}"
    );
    assert!(response.headers().contains_key("strict-transport-security"));
    app.stop().await;
}
