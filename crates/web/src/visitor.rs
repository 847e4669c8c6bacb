//! Who is asking: the session cookie looked up once per request, the CSRF check for every
//! state-changing request, and the extractors handlers use.
//!
//! - Signed in: a server-side session; its CSRF token lives in the session row.
//! - Signed out: a random CSRF token in its own cookie, echoed by forms (double submit).
//!
//! A form posted after the session ended is not lost: instead of refusing it, Heard asks the
//! person to sign in again and carries what they typed through, to be saved afterwards.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use heard_store::{SessionLookup, SessionToken, SignedIn};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::i18n::LocaleChoice;
use crate::pages::{self, PageContext};
use crate::state::AppState;

/// The person making this request, and the language they see Heard in.
#[derive(Clone, Debug)]
pub struct Visitor {
    pub who: Who,
    pub locale: LocaleChoice,
}

#[derive(Clone, Debug)]
pub enum Who {
    SignedIn(Arc<SignedIn>),
    SignedOut {
        csrf: String,
        /// Their session timed out (rather than never existing).
        session_ended: bool,
    },
}

impl Visitor {
    pub fn csrf(&self) -> &str {
        match &self.who {
            Who::SignedIn(s) => &s.csrf_token,
            Who::SignedOut { csrf, .. } => csrf,
        }
    }

    pub fn signed_in(&self) -> Option<&Arc<SignedIn>> {
        match &self.who {
            Who::SignedIn(s) => Some(s),
            Who::SignedOut { .. } => None,
        }
    }

    pub fn session_ended(&self) -> bool {
        matches!(
            self.who,
            Who::SignedOut {
                session_ended: true,
                ..
            }
        )
    }

    /// What this visitor's pages need: their language, form token and session.
    pub fn page_context(&self, state: &AppState, path: &str) -> PageContext {
        PageContext::new(
            state,
            self.locale,
            self.csrf(),
            self.signed_in().map(AsRef::as_ref),
            path,
        )
    }

    /// The same visitor, now signed in.
    pub fn now_signed_in(&self, signed_in: Arc<SignedIn>) -> Self {
        Self {
            who: Who::SignedIn(signed_in),
            locale: self.locale,
        }
    }
}

/// The cookie that picks the language, and the query parameter that sets it.
const LOCALE_COOKIE: &str = "heard_locale";

/// Cookie names: with secure cookies, the `__Host-` prefix makes the browser refuse them over
/// plain HTTP or from a subdomain.
pub struct CookieNames {
    pub session: &'static str,
    pub csrf: &'static str,
    /// Marks the accounts that have signed in on this device, so sign-in limits never hold up
    /// their owners here (see `heard_store::DeviceToken`).
    pub device: &'static str,
    secure: bool,
}

impl CookieNames {
    pub fn new(secure: bool) -> Self {
        if secure {
            Self {
                session: "__Host-heard_session",
                csrf: "__Host-heard_csrf",
                device: "__Host-heard_device",
                secure,
            }
        } else {
            Self {
                session: "heard_session",
                csrf: "heard_csrf",
                device: "heard_device",
                secure,
            }
        }
    }

    /// A cookie that outlives the browser session (about 400 days, the most browsers keep).
    pub fn set_lasting(&self, name: &str, value: &str) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=34560000{secure}"
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// A `Set-Cookie` value. Session cookies (no expiry): the server decides when they end.
    pub fn set(&self, name: &str, value: &str) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}"
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    pub fn clear(&self, name: &str) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Paths a signed-out person may post to.
const PUBLIC_POSTS: &[&str] = &["/sign-in", "/register", "/sign-out"];

/// Looks up the visitor, checks CSRF on state-changing requests, and sets the cookies and cache
/// headers that follow from who they are.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let now = state.clock.now();
    warn_of_an_untrusted_proxy(&state, req.headers());
    let names = CookieNames::new(state.config.secure_cookies);
    let mut clear_session = false;
    let mut new_csrf_cookie = None;

    let mut session_ended = false;
    let mut signed_in = None;
    if let Some(token) = cookie(req.headers(), names.session) {
        match state
            .store
            .session(&SessionToken::from_cookie(token), now)
            .await
        {
            Ok(SessionLookup::Active(s)) => signed_in = Some(Arc::new(s)),
            // Kept until sign-in replaces it, so the sign-in page can say why they are there.
            Ok(SessionLookup::Ended { .. }) => session_ended = true,
            Ok(SessionLookup::Unknown) => clear_session = true,
            Err(e) => return AppError::from(e).into_response(),
        }
    }
    let chosen = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == "locale")
                .map(|(_, v)| v)
        })
        .and_then(|tag| LocaleChoice::from_tag(&tag));
    let locale = chosen
        .or_else(|| cookie(req.headers(), LOCALE_COOKIE).and_then(LocaleChoice::from_tag))
        .unwrap_or_default();
    let who = match signed_in {
        Some(s) => Who::SignedIn(s),
        None => {
            let csrf = match cookie(req.headers(), names.csrf).filter(|c| is_token(c)) {
                Some(c) => c.to_owned(),
                None => {
                    let c = random_token();
                    new_csrf_cookie = Some(c.clone());
                    c
                }
            };
            Who::SignedOut {
                csrf,
                session_ended,
            }
        }
    };
    let visitor = Visitor { who, locale };
    let pending = PendingCookies {
        clear_session,
        new_csrf: new_csrf_cookie,
        new_locale: chosen.map(LocaleChoice::tag),
    };

    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        if sent_from_another_site(req.headers()) {
            return AppError::CrossSite.into_response();
        }
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, state.config.max_body_bytes).await else {
            return AppError::TooLarge.into_response();
        };
        let fields = form_fields(&parts.headers, &bytes);
        // Handlers read the cleaned form, whichever extractor they use.
        let bytes = match &fields {
            Some(fields) => serde_urlencoded::to_string(fields)
                .map(axum::body::Bytes::from)
                .unwrap_or(bytes),
            None => bytes,
        };
        let path = parts.uri.path().to_owned();

        if visitor.signed_in().is_none() && !PUBLIC_POSTS.contains(&path.as_str()) {
            // Signed out mid-task: nothing is changed, and nothing typed is thrown away.
            let ctx = visitor.page_context(&state, &path);
            let response = if wants_json(&parts.headers) {
                pages::json_status(axum::http::StatusCode::UNAUTHORIZED, "signed-out")
            } else {
                pages::kept::signed_out_mid_form(&ctx, &path, fields.as_deref().unwrap_or_default())
            };
            return finish(response, &visitor, &names, &pending);
        }

        let sent = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| {
                fields
                    .as_deref()
                    .and_then(|f| f.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.clone()))
            });
        let valid = sent
            .as_deref()
            .is_some_and(|s| bool::from(s.as_bytes().ct_eq(visitor.csrf().as_bytes())));
        if !valid {
            tracing::info!("request refused: missing or wrong CSRF token");
            // Signed in but the form predates this session (opened before signing in again in
            // another tab): show what was typed and offer to send it again.
            let response = match (&visitor, fields.as_deref()) {
                (
                    Visitor {
                        who: Who::SignedIn(_),
                        ..
                    },
                    Some(fields),
                ) if sent.is_some() && !fields.is_empty() => {
                    let ctx = visitor.page_context(&state, &path);
                    pages::kept::resend(&ctx, &path, fields)
                }
                _ => AppError::Csrf.into_response(),
            };
            return finish(response, &visitor, &names, &pending);
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }

    req.extensions_mut().insert(visitor.clone());
    let response = next.run(req).await;
    finish(response, &visitor, &names, &pending)
}

/// Cookies the response must set, decided while looking at the request.
struct PendingCookies {
    clear_session: bool,
    new_csrf: Option<String>,
    new_locale: Option<&'static str>,
}

fn finish(
    mut response: Response,
    visitor: &Visitor,
    names: &CookieNames,
    pending: &PendingCookies,
) -> Response {
    let headers = response.headers_mut();
    if pending.clear_session {
        headers.append(header::SET_COOKIE, names.clear(names.session));
    }
    if let Some(csrf) = &pending.new_csrf {
        headers.append(header::SET_COOKIE, names.set(names.csrf, csrf));
    }
    if let Some(tag) = pending.new_locale {
        headers.append(header::SET_COOKIE, names.set(LOCALE_COOKIE, tag));
    }
    // Pages can hold health notes and per-visitor tokens: never cache them anywhere.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response.extensions_mut().insert(visitor.clone());
    response
}

/// True when the browser says the request came from another site. Browsers send
/// `Sec-Fetch-Site` (and `Origin` on posts); requests without them still need the CSRF token.
fn sent_from_another_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

/// The fields of a URL-encoded form body, if it is one.
/// Control characters are taken out of every name and value here, once, for every handler (see
/// `heard_core::typed`).
fn form_fields(headers: &HeaderMap, body: &[u8]) -> Option<Vec<(String, String)>> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(crate::form::is_form_type);
    if !is_form {
        return None;
    }
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    Some(
        fields
            .into_iter()
            .map(|(k, v)| (strip_controls(k), strip_controls(v)))
            .collect(),
    )
}

fn strip_controls(text: String) -> String {
    match heard_core::typed::clean(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cleaned) => cleaned,
    }
}

/// A signed-in person. Handlers that take this are only reached when signed in; anyone else is
/// sent to sign in and brought back afterwards.
pub struct CurrentUser {
    pub user: Arc<SignedIn>,
    pub ctx: PageContext,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = parts.extensions.get::<Visitor>().cloned();
        match visitor {
            Some(
                visitor @ Visitor {
                    who: Who::SignedIn(_),
                    ..
                },
            ) => {
                let ctx = visitor.page_context(state, parts.uri.path());
                let Who::SignedIn(user) = visitor.who else {
                    return Err(AppError::BadRequest.into_response());
                };
                Ok(Self { user, ctx })
            }
            _ => {
                let back = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                let target = format!(
                    "/sign-in?{}",
                    serde_urlencoded::to_string([("next", back)]).unwrap_or_default()
                );
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

/// Anyone: the page context for a visitor who may or may not be signed in.
pub struct AnyVisitor {
    pub visitor: Visitor,
    pub ctx: PageContext,
}

impl AnyVisitor {
    /// Signed in as an operator.
    pub fn operator(&self) -> bool {
        matches!(&self.visitor.who, Who::SignedIn(s) if s.role == heard_store::Role::Operator)
    }
}

impl FromRequestParts<AppState> for AnyVisitor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .ok_or_else(|| AppError::BadRequest.into_response())?;
        let ctx = visitor.page_context(state, parts.uri.path());
        Ok(Self { visitor, ctx })
    }
}

/// Said once per process: requests that carry a proxy's `X-Forwarded-For` while
/// `--trust-proxy-headers` is off all seem to come from the proxy, so one person's wrong
/// passwords slow sign-in down for everyone behind it.
fn warn_of_an_untrusted_proxy(state: &AppState, headers: &HeaderMap) {
    use std::sync::atomic::Ordering;
    let forwarded = headers.contains_key("x-forwarded-for") || headers.contains_key("forwarded");
    if forwarded
        && !state.config.trust_proxy_headers
        && !state.proxy_warned.swap(true, Ordering::Relaxed)
    {
        tracing::warn!(
            "requests arrive through a proxy (they carry X-Forwarded-For) but \
             --trust-proxy-headers is off: every client seems to have the proxy's address, so \
             sign-in and registration limits apply to all of them together. If you run that \
             proxy, start Heard with --trust-proxy-headers (HEARD_TRUST_PROXY_HEADERS=true)."
        );
    }
}

/// The client's address, for sign-in limits. From the connection, or from the last
/// `X-Forwarded-For` entry when the operator says a proxy is trusted.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let forwarded = state
            .config
            .trust_proxy_headers
            .then(|| {
                parts
                    .headers
                    .get("x-forwarded-for")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.rsplit(',').next())
                    .and_then(|v| v.trim().parse::<IpAddr>().ok())
            })
            .flatten();
        let direct = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let address = forwarded
            .or(direct)
            .map_or_else(|| "unknown".to_owned(), client_of);
        Ok(Self(address))
    }
}

/// The client an address stands for, in the sign-in limits: an IPv4 address, or an IPv6
/// address's /64 network (what one household or phone is usually given, so someone cannot
/// dodge the limits by walking through the addresses in it). An IPv4 address written as IPv6
/// counts as the IPv4 address.
fn client_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_requests_are_recognised() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("heard.example"));
        assert!(!sent_from_another_site(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://heard.example"),
        );
        assert!(!sent_from_another_site(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(sent_from_another_site(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(sent_from_another_site(&h));
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(sent_from_another_site(&h));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(!sent_from_another_site(&h));
    }

    #[test]
    fn an_ipv6_client_is_its_network_and_a_mapped_ipv4_is_itself() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(client_of(ip("203.0.113.9")), "203.0.113.9");
        assert_eq!(client_of(ip("::ffff:203.0.113.9")), "203.0.113.9");
        assert_eq!(
            client_of(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")),
            client_of(ip("2001:db8:1:2::1"))
        );
        assert_ne!(
            client_of(ip("2001:db8:1:2::1")),
            client_of(ip("2001:db8:1:3::1"))
        );
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; heard_session=abc; heard_session_x=2"),
        );
        assert_eq!(cookie(&h, "heard_session"), Some("abc"));
        assert_eq!(cookie(&h, "heard"), None);
    }
}
