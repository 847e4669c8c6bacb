//! The authorisation matrix: every route the router has (read from the router's own table, so
//! a new route is covered the day it is added), every method, tried by everyone who should and
//! should not get in, with ids that belong to someone else.
//!
//! - Anonymous: sent to sign in (a page), or 401 (a form post), unless the route is public.
//! - Another member, and an operator: 404 on a member's records, with nothing of theirs shown.
//! - A post without a valid CSRF token: 403, whoever sends it.
//! - The owner (or, for operator pages, an operator): let in.

use std::collections::HashMap;

use heard_store::both_engines;
use heard_store::testing::TestDatabase;
use heard_web::{Access, Method, Route};
use reqwest::StatusCode;

use crate::helpers::{Browser, TestApp, csrf_in, location, spawn_app};

/// Ids and values the owner's records give the path parameters.
struct Fixtures {
    values: HashMap<&'static str, String>,
    /// Text only the owner's records hold: none of it may reach anyone else.
    private: Vec<String>,
}

async fn fixtures(app: &TestApp, owner: &Browser, canary: &str) -> Fixtures {
    let (consultation, questions) = crate::room::past_consultation(owner).await;
    let note = owner.add_note(&format!("Note {canary}")).await;
    // A concern with an event, and a deadline to put in a calendar.
    let concern = uuid::Uuid::now_v7().to_string();
    let response = owner
        .submit(
            "/concerns/new",
            "/concerns",
            &[
                ("id", &concern),
                ("title", &format!("Concern {canary}")),
                ("nation", "england"),
                ("setting", "hospital"),
                ("happened_on_day", "2"),
                ("happened_on_month", "11"),
                ("happened_on_year", "2026"),
                ("what_happened", "Results given in the corridor."),
                ("wishes", "explanation"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "making the concern"
    );
    let event = uuid::Uuid::now_v7().to_string();
    let response = owner
        .submit(
            &format!("/concerns/{concern}/events/new"),
            &format!("/concerns/{concern}/events"),
            &[
                ("id", &event),
                ("kind", "complaint-made"),
                ("on_day", "10"),
                ("on_month", "11"),
                ("on_year", "2026"),
                ("notes", &format!("Event {canary}")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "adding the event");
    // The deadline's calendar file takes which deadline in its query.
    let case_file = owner.get_html(&format!("/concerns/{concern}")).await;
    let deadline_query = case_file
        .split("deadline.ics?")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(crate::helpers::unescape)
        .expect("a deadline to put in a calendar");
    // A letter from the consultation.
    let letter = crate::letters::start_letter(owner, "letter-of-concern", &consultation).await;
    // A request for records marked as sent: the only kind of letter whose reply date takes
    // what the organisation said.
    let request =
        crate::letters::start_letter(owner, "subject-access-request", &consultation).await;
    let response = owner
        .submit(
            &format!("/letters/{request}/preview"),
            &format!("/letters/{request}/sent"),
            &[
                ("day", "24"),
                ("month", "11"),
                ("year", "2026"),
                ("by", "email"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "marking the request sent"
    );
    // A shared experience, and its id from the author's own list.
    let response = owner
        .submit(
            "/experiences/new",
            "/experiences",
            &[
                ("title", &format!("Experience {canary}")),
                ("body", "Nobody explained the delay."),
                ("share_anyway", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "sharing");
    let mine = owner.get_html("/experiences/mine").await;
    let experience = mine
        .split("action=\"/experiences/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the experience's withdraw form")
        .to_owned();
    // A calendar feed, whose secret address is the owner's alone.
    owner
        .submit(
            "/account/calendar",
            "/account/calendar",
            &[("action", "create")],
        )
        .await;
    let feed = owner.get_html("/account/calendar").await;
    let file = feed
        .split("/calendar/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the feed address")
        .to_owned();
    // Public values: a guidance page and an asset.
    let guidance = app.browser().get_html("/guidance").await;
    let slug = guidance
        .split("href=\"/guidance/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a guidance page")
        .to_owned();
    let asset = guidance
        .split("href=\"/assets/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the stylesheet")
        .to_owned();
    let values = HashMap::from([
        ("consultation", consultation),
        ("question", questions[0].clone()),
        ("step", "listened".to_owned()),
        ("note", note),
        ("letter", letter),
        ("request", request),
        ("concern", concern),
        ("event", event),
        ("experience", experience),
        ("file", file),
        ("slug", slug),
        ("name", asset),
        ("deadline.ics", deadline_query),
    ]);
    Fixtures {
        values,
        private: vec![canary.to_owned()],
    }
}

/// The route's path with its parameters filled from the fixtures (and the query a file needs).
/// A route with a parameter this test does not know fails here: teach it the new route's
/// records.
fn fill(path: &str, fixtures: &Fixtures) -> String {
    let filled = fill_path(path, fixtures);
    match path
        .rsplit('/')
        .next()
        .and_then(|last| fixtures.values.get(last))
    {
        Some(query) => format!("{filled}?{query}"),
        None => filled,
    }
}

fn fill_path(path: &str, fixtures: &Fixtures) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let area = segments.get(1).copied().unwrap_or_default();
    segments
        .iter()
        .map(|segment| {
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                return (*segment).to_owned();
            };
            let key = match (area, name) {
                ("notes", "id") => "note",
                ("consultations", "id") => "consultation",
                ("letters", "id") if path.ends_with("/request") => "request",
                ("letters", "id") => "letter",
                ("concerns", "id") => "concern",
                ("experiences" | "moderation", "id") => "experience",
                (_, other) => match other {
                    "question" | "step" | "event" | "file" | "slug" | "name" => other,
                    unknown => {
                        panic!("the matrix does not know how to fill {{{unknown}}} in {path}")
                    }
                },
            };
            fixtures.values[key].clone()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Deleting comes last, the records a thing holds before the thing.
fn destructive(route: &Route) -> bool {
    route.method == Method::Post
        && (route.path.ends_with("/delete") || route.path.ends_with("/withdraw"))
}

/// Fields a form of ours might carry, filled in: a post from someone the record does not
/// belong to must be refused because it is not theirs, not because a field was missing.
const FORM_FIELDS: &[(&str, &str)] = &[
    ("version", "1"),
    ("text", "changed by a stranger"),
    ("title", "changed by a stranger"),
    ("goal", "understand-results"),
    ("answer", "yes"),
    ("value", "answered"),
    ("on", "question"),
    ("field", "status"),
    ("action", "publish"),
    ("kind", "conversation-held"),
    ("on_day", "10"),
    ("on_month", "11"),
    ("on_year", "2026"),
    ("confirm", "yes"),
];

async fn request(
    browser: &Browser,
    method: Method,
    path: &str,
    csrf: Option<&str>,
) -> (StatusCode, String, String) {
    let response = match method {
        Method::Get => browser.get(path).await,
        Method::Post => {
            let id = uuid::Uuid::now_v7().to_string();
            let mut fields: Vec<(&str, &str)> = vec![("id", id.as_str())];
            if let Some(token) = csrf {
                fields.push(("csrf", token));
                fields.extend_from_slice(FORM_FIELDS);
            }
            browser.post_raw(path, &fields).await
        }
    };
    let status = response.status();
    let to = location(&response);
    let body = response.text().await.unwrap_or_default();
    (status, to, body)
}

/// A page with the ids its forms made for new entries masked.
fn fresh_ids_masked(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find("name=\"id\" value=\"") {
        let start = at + "name=\"id\" value=\"".len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push_str("(fresh)");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A valid token for this browser, from a page it can see.
async fn token(browser: &Browser) -> String {
    csrf_in(&browser.get_html("/guidance").await)
}

#[derive(Default)]
struct Counts {
    routes: usize,
    checks: usize,
    by_access: HashMap<&'static str, usize>,
    /// Every check that failed, to report them all at once.
    failed: Vec<String>,
}

impl Counts {
    fn check(&mut self, what: &str, ok: bool, message: String) {
        self.checks += 1;
        if !ok {
            self.failed.push(format!("{what}: {message}"));
        }
    }
}

both_engines!(every_route_checks_who_may_use_it, matrix_story);
async fn matrix_story(db: &TestDatabase) {
    let app = spawn_app(db).await;
    let canary = format!("canary{}", uuid::Uuid::new_v4().simple());
    let owner = app.signed_in("owner").await;
    let other = app.signed_in("other").await;
    let operator = app.signed_in("operator").await;
    app.store
        .set_role(
            &heard_core::Username::parse("operator").unwrap(),
            heard_store::Role::Operator,
        )
        .await
        .unwrap();
    let anonymous = app.browser();
    let fixtures = fixtures(&app, &owner, &canary).await;
    let owner_token = token(&owner).await;
    let other_token = token(&other).await;
    let operator_token = token(&operator).await;

    let mut table = heard_web::route_table();
    table.sort_by_key(|r| (destructive(r), std::cmp::Reverse(r.path.len())));
    let mut counts = Counts {
        routes: table.len(),
        ..Counts::default()
    };
    let leaks = |body: &str| fixtures.private.iter().any(|p| body.contains(p.as_str()));
    // What the owner sees of each of their records before anyone else tries anything.
    let mut before = Vec::new();
    for route in table
        .iter()
        .filter(|r| r.method == Method::Get && r.access == Access::Member && r.path.contains('{'))
    {
        let path = fill(route.path, &fixtures);
        before.push((
            path.clone(),
            request(&owner, Method::Get, &path, None).await,
        ));
    }
    // First everyone else, on every route; then the owner, deleting last.
    for route in &table {
        let path = fill(route.path, &fixtures);
        let has_ids = route.path.contains('{');
        let what = format!("{:?} {}", route.method, route.path);
        let what = what.as_str();
        // A post without a valid token is refused, from anyone.
        if route.method == Method::Post {
            for (who, browser) in [("anonymous", &anonymous), ("the owner", &owner)] {
                let (status, _, _) = request(browser, Method::Post, &path, None).await;
                let expected = match (route.access, who) {
                    // Signed out on a member's form: asked to sign in first (401), and nothing
                    // is changed.
                    (Access::Member | Access::Operator, "anonymous") => StatusCode::UNAUTHORIZED,
                    _ => StatusCode::FORBIDDEN,
                };
                counts.check(
                    what,
                    status == expected,
                    format!("{who} posting without a token got {status}"),
                );
            }
        }
        match route.access {
            Access::Public { why } => {
                *counts.by_access.entry("public").or_default() += 1;
                assert!(!why.is_empty());
                if route.method == Method::Get {
                    let (status, _, _) = request(&anonymous, Method::Get, &path, None).await;
                    counts.check(
                        what,
                        status == StatusCode::OK,
                        format!("anonymous got {status}"),
                    );
                }
            }
            Access::Secret { why } => {
                *counts.by_access.entry("secret").or_default() += 1;
                assert!(!why.is_empty());
                let wrong =
                    path.replace(&fixtures.values["file"], &format!("{}.ics", "0".repeat(64)));
                let (status, _, body) = request(&anonymous, route.method, &wrong, None).await;
                counts.check(
                    what,
                    status == StatusCode::NOT_FOUND && !leaks(&body),
                    format!("a wrong secret got {status}"),
                );
                let (status, _, body) = request(&anonymous, route.method, &path, None).await;
                counts.check(
                    what,
                    status == StatusCode::OK && body.contains("BEGIN:VCALENDAR"),
                    format!("the right secret got {status}"),
                );
            }
            Access::Member | Access::Operator => {
                let operator_only = route.access == Access::Operator;
                *counts
                    .by_access
                    .entry(if operator_only { "operator" } else { "member" })
                    .or_default() += 1;
                // Anonymous: asked to sign in, and brought back afterwards.
                let (status, to, _) = request(&anonymous, route.method, &path, Some("x")).await;
                match route.method {
                    Method::Get => counts.check(
                        what,
                        status == StatusCode::SEE_OTHER && to.starts_with("/sign-in?next="),
                        format!("anonymous got {status} to {to}"),
                    ),
                    Method::Post => counts.check(
                        what,
                        status == StatusCode::UNAUTHORIZED,
                        format!("anonymous got {status}"),
                    ),
                }
                // Someone it does not belong to.
                let strangers: Vec<(&str, &Browser, &str)> = if operator_only {
                    vec![("a member", &other, other_token.as_str())]
                } else {
                    vec![
                        ("another member", &other, other_token.as_str()),
                        ("an operator", &operator, operator_token.as_str()),
                    ]
                };
                for (who, browser, token) in strangers {
                    let (status, _, body) =
                        request(browser, route.method, &path, Some(token)).await;
                    if has_ids || operator_only {
                        counts.check(
                            what,
                            status == StatusCode::NOT_FOUND,
                            format!("{who} got {status}"),
                        );
                    } else {
                        counts.check(
                            what,
                            !status.is_server_error(),
                            format!("{who} got {status}"),
                        );
                    }
                    counts.check(
                        what,
                        !leaks(&body),
                        format!("{who} saw the owner's records"),
                    );
                }
            }
        }
    }
    // Nothing anyone else did changed what the owner sees (forms make a fresh id each time
    // they are shown, for a new entry: those are not the owner's records).
    for (path, (status, to, body)) in &before {
        let (now_status, now_to, now_body) = request(&owner, Method::Get, path, None).await;
        counts.check(
            path,
            (now_status, &now_to, fresh_ids_masked(&now_body))
                == (*status, to, fresh_ids_masked(body)),
            "changed after others tried every route".into(),
        );
    }
    // The owner reads before changing anything, and deletes last.
    let mut own_order = table.clone();
    own_order.sort_by_key(|r| {
        (
            r.method == Method::Post,
            destructive(r),
            std::cmp::Reverse(r.path.len()),
        )
    });
    for route in &own_order {
        let operator_only = match route.access {
            Access::Member => false,
            Access::Operator => true,
            Access::Public { .. } | Access::Secret { .. } => continue,
        };
        let path = fill(route.path, &fixtures);
        let what = format!("{:?} {}", route.method, route.path);
        // Who it is for.
        let (browser, token) = if operator_only {
            (&operator, operator_token.as_str())
        } else {
            (&owner, owner_token.as_str())
        };
        let (status, _, _) = request(browser, route.method, &path, Some(token)).await;
        let refused = [
            StatusCode::UNAUTHORIZED,
            StatusCode::FORBIDDEN,
            StatusCode::NOT_FOUND,
        ];
        counts.check(
            &what,
            !refused.contains(&status) && !status.is_server_error(),
            format!("the one it is for got {status}"),
        );
    }
    app.stop().await;
    assert!(
        counts.failed.is_empty(),
        "{} of {} checks failed:\n{}",
        counts.failed.len(),
        counts.checks,
        counts.failed.join("\n")
    );
    let gets = table.iter().filter(|r| r.method == Method::Get).count();
    eprintln!(
        "authorisation matrix ({:?}): {} routes ({gets} GET, {} POST): {} public, {} member, \
         {} operator, {} secret; {} checks, all passed",
        db.engine,
        counts.routes,
        counts.routes - gets,
        counts.by_access.get("public").copied().unwrap_or_default(),
        counts.by_access.get("member").copied().unwrap_or_default(),
        counts
            .by_access
            .get("operator")
            .copied()
            .unwrap_or_default(),
        counts.by_access.get("secret").copied().unwrap_or_default(),
        counts.checks,
    );
}
