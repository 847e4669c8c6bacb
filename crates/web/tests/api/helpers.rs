use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use heard_store::Store;
use heard_store::testing::TestDatabase;
use heard_web::{Clock, WebConfig};
use jiff::Timestamp;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Client, Response, StatusCode, redirect};
use tokio::sync::oneshot;

pub const PASSWORD: &str = "lantern orbit kettle";

/// Everything the app logged, from every test in this binary, so tests can check that nothing
/// private was written.
pub fn logs() -> String {
    String::from_utf8_lossy(&log_buffer().lock().unwrap()).into_owned()
}

fn log_buffer() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        // As chatty as an operator could make it: debug for everything.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug")
            .with_ansi(false)
            .with_writer(move || LogWriter(sink.clone()))
            .try_init();
        buffer
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct TestApp {
    pub address: String,
    pub clock: Clock,
    /// The app's own store, for what only the command line does (making an operator).
    pub store: Store,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

pub fn start_time() -> Timestamp {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

pub async fn spawn_app(db: &TestDatabase) -> TestApp {
    spawn_app_with(db, WebConfig::default()).await
}

pub async fn spawn_app_with(db: &TestDatabase, config: WebConfig) -> TestApp {
    log_buffer();
    let clock = Clock::manual(start_time());
    let store = Store::open(db.config(db.instance_key.clone()), clock.now())
        .await
        .unwrap();
    let config = WebConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..config
    };
    let app = heard_web::build(config, store.clone(), clock.clone())
        .await
        .unwrap();
    let address = format!("http://{}", app.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        app.run_until_stopped(async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    TestApp {
        address,
        clock,
        store,
        stop: Some(stop),
        server: Some(server),
    }
}

impl TestApp {
    /// A new browser: its own cookie jar, and redirects left for the test to follow.
    pub fn browser(&self) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(redirect::Policy::none())
                .build()
                .unwrap(),
            base: self.address.clone(),
        }
    }

    /// A browser whose requests say (to a proxy-trusting Heard) that they come from `address`.
    pub fn browser_from(&self, address: &str) -> Browser {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(address).unwrap());
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(redirect::Policy::none())
                .default_headers(headers)
                .build()
                .unwrap(),
            base: self.address.clone(),
        }
    }

    /// A browser with an account, signed in.
    pub async fn signed_in(&self, username: &str) -> Browser {
        let browser = self.browser();
        let response = browser.register(username, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "registering {username}"
        );
        browser
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

pub struct Browser {
    pub client: Client,
    pub base: String,
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_html(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.unwrap()
    }

    /// Posts a form as a browser would from one of our pages: with the CSRF token from the
    /// page at `from`.
    pub async fn submit(&self, from: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let page = self.get(from).await.text().await.unwrap();
        let token = csrf_in(&page);
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(action, &all).await
    }

    /// Posts exactly these fields, with same-origin headers as a browser sends them.
    pub async fn post_raw(&self, action: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(action))
            .headers(same_origin())
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn register(&self, username: &str, password: &str) -> Response {
        self.submit(
            "/register",
            "/register",
            &[
                ("username", username),
                ("password", password),
                ("password_confirm", password),
            ],
        )
        .await
    }

    pub async fn sign_in(&self, username: &str, password: &str) -> Response {
        self.submit(
            "/sign-in",
            "/sign-in",
            &[("username", username), ("password", password)],
        )
        .await
    }

    pub async fn sign_out(&self) -> Response {
        self.submit("/dashboard", "/sign-out", &[]).await
    }

    /// Adds a note under an id of the caller's choosing, as a browser that made the id would.
    pub async fn add_note_with_id(&self, id: &str, text: &str) {
        let page = self.get_html("/dashboard").await;
        let response = self
            .post_raw(
                "/notes",
                &[("csrf", &csrf_in(&page)), ("id", id), ("text", text)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "adding a note");
    }

    /// Adds a note from the dashboard and returns its id.
    pub async fn add_note(&self, text: &str) -> String {
        let page = self.get_html("/dashboard").await;
        let id = hidden_value(&page, "id");
        let response = self
            .post_raw(
                "/notes",
                &[("csrf", &csrf_in(&page)), ("id", &id), ("text", text)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "adding a note");
        id
    }
}

fn same_origin() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
    h
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub fn csrf_in(page: &str) -> String {
    hidden_value(page, "csrf")
}

/// The value of the first hidden input with this name.
pub fn hidden_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in the page"))
        + marker.len();
    let end = page[start..].find('"').unwrap();
    unescape(&page[start..start + end])
}

/// The value of the first input with this name, whatever attributes sit between.
pub fn input_value(page: &str, name: &str) -> String {
    let start = page
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no {name} input in the page"));
    let tag_end = start + page[start..].find('>').unwrap();
    let tag = &page[start..tag_end];
    match tag.find("value=\"") {
        Some(v) => {
            let rest = &tag[v + 7..];
            unescape(&rest[..rest.find('"').unwrap()])
        }
        None => String::new(),
    }
}

/// Undoes HTML escaping in an attribute, as a browser does before sending a form.
pub fn unescape(text: &str) -> String {
    let mut out = text.to_owned();
    for (entity, plain) in [
        ("&#34;", "\""),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&#60;", "<"),
        ("&lt;", "<"),
        ("&#62;", ">"),
        ("&gt;", ">"),
    ] {
        out = out.replace(entity, plain);
    }
    // Last, so "&#38;lt;" becomes "&lt;" and not "<".
    out.replace("&#38;", "&").replace("&amp;", "&")
}

/// The text inside `<main>`, for checking what a person sees.
pub fn main_of(page: &str) -> &str {
    let start = page.find("<main").unwrap_or(0);
    let end = page.find("</main>").unwrap_or(page.len());
    &page[start..end]
}
