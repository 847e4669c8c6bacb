//! Signing out, and staying signed in while the person is still there.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heard_store::SessionToken;
use serde::Deserialize;

use crate::error::AppError;
use crate::pages::json_status;
use crate::paths::local_path;
use crate::state::AppState;
use crate::visitor::{CookieNames, CurrentUser, cookie};

/// Ends the session on the server and in the browser.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let names = CookieNames::new(state.config.secure_cookies);
    if let Some(token) = cookie(&headers, names.session) {
        state
            .store
            .end_session(&SessionToken::from_cookie(token))
            .await?;
    }
    let mut response = Redirect::to("/?signed_out=1").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, names.clear(names.session));
    // Tells the browser to forget anything this site stored, including notes waiting to be
    // sent from this device.
    response.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct KeepAliveForm {
    #[serde(default)]
    return_to: String,
}

/// "Stay signed in": the request itself renews the session. Scripts get the new time left;
/// without scripts, the person goes back to the page they were on.
pub async fn keep_alive(
    user: CurrentUser,
    headers: HeaderMap,
    Form(form): Form<KeepAliveForm>,
) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        let mut response = json_status(StatusCode::OK, "signed-in");
        if let Ok(v) = HeaderValue::from_str(&user.ctx.idle_seconds.to_string()) {
            response.headers_mut().insert("x-idle-seconds", v);
        }
        return response;
    }
    Redirect::to(&local_path(Some(&form.return_to)).unwrap_or_else(|| "/dashboard".to_owned()))
        .into_response()
}
