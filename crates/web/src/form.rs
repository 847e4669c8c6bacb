//! Form bodies as a list of fields, so a group of checkboxes (one name, many values) can be
//! read. Every value is a plain string; pages turn them into domain types.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

#[derive(Debug, Default, Clone)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a field, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Response;

    /// Only a URL-encoded form: its fields were cleaned of control characters on the way in
    /// (see `visitor`), and anything else is not a form of ours.
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_form_type);
        if !is_form {
            return Err(AppError::BadRequest.into_response());
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest.into_response())?;
        serde_urlencoded::from_bytes(&bytes)
            .map(Fields)
            .map_err(|_| AppError::BadRequest.into_response())
    }
}

/// A URL-encoded form's content type, however it is capitalised.
pub fn is_form_type(content_type: &str) -> bool {
    content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
}

/// Typed text as it is kept: line endings as `\n`, no space at either end.
pub fn tidy(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}
