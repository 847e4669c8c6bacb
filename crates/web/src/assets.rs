//! Static assets, embedded in the binary and served under content-hashed names with a year-long
//! cache lifetime: a changed file gets a new name, so no one is served a stale copy.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use std::sync::Arc;

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "heard.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/heard.css"),
    ),
    (
        "heard.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/heard.js"),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_bytes!("../assets/icon.svg"),
    ),
];

pub struct Asset {
    /// The name pages link to, such as `heard.3f2a9c01d4.css`.
    pub hashed_name: String,
    content_type: &'static str,
    bytes: &'static [u8],
}

pub struct Assets {
    files: Vec<(&'static str, Asset)>,
}

impl Assets {
    pub fn embedded() -> Self {
        let files = FILES
            .iter()
            .map(|(name, content_type, bytes)| {
                let digest = Sha256::digest(bytes);
                let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
                let hashed_name = match name.rsplit_once('.') {
                    Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                    None => format!("{name}.{hash}"),
                };
                (
                    *name,
                    Asset {
                        hashed_name,
                        content_type,
                        bytes,
                    },
                )
            })
            .collect();
        Self { files }
    }

    /// The URL of an asset by its plain name, for templates.
    pub fn url(&self, name: &str) -> String {
        self.files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| format!("/assets/{}", a.hashed_name))
            .unwrap_or_default()
    }

    fn by_hashed_name(&self, hashed: &str) -> Option<&Asset> {
        self.files
            .iter()
            .map(|(_, a)| a)
            .find(|a| a.hashed_name == hashed)
    }
}

pub async fn serve(State(assets): State<Arc<Assets>>, Path(name): Path<String>) -> Response {
    match assets.by_hashed_name(&name) {
        Some(asset) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(asset.content_type),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            asset.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
