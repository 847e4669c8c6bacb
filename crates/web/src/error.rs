//! One error type for handlers, mapped once to a response. The cause is logged with the
//! request's reference; the browser only ever sees a friendly page with that reference.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use heard_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("request refused: sent from another site")]
    CrossSite,
    #[error("request refused: missing or wrong CSRF token")]
    Csrf,
    #[error("request body too large")]
    TooLarge,
    #[error("request could not be read")]
    BadRequest,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template failed: {0}")]
    Template(#[from] askama::Error),
    #[error("document could not be made: {0}")]
    Document(String),
}

/// Put on an error response so the error-page layer knows which page to show.
#[derive(Debug, Clone, Copy)]
pub struct Failure;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::NotFound | AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::CrossSite | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Store(_) | AppError::Template(_) | AppError::Document(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        if status.is_server_error() {
            // The request span carries the reference shown to the person.
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::info!(error = %self, "request refused");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(Failure);
        response
    }
}
