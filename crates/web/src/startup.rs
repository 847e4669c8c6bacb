//! Building and running the server. `build` binds (port 0 in tests) and reports the address;
//! `run_until_stopped` serves until the shutdown signal.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::middleware::from_fn_with_state;
use heard_store::Store;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::assets::Assets;
use crate::i18n::Locales;
use crate::security::{self, RequestId};
use crate::state::AppState;
use crate::{Clock, WebConfig, visitor};

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the locale files are invalid: {0}")]
    Locale(#[from] crate::i18n::LocaleError),
    #[error("the question bank is invalid: {0}")]
    QuestionBank(#[from] heard_core::question_bank::BankError),
    #[error("the letter templates are invalid: {0}")]
    Letters(#[from] crate::content::LetterContentError),
    #[error("could not read the content folder {dir}: {source}")]
    ContentDir {
        dir: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the content files are invalid:\n{0}")]
    Escalation(#[from] crate::content::ContentProblems),
}

/// Binds the listening socket and assembles the app.
pub async fn build(
    config: WebConfig,
    store: Store,
    clock: Clock,
) -> Result<Application, StartError> {
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
    let content = match &config.content_dir {
        Some(dir) => crate::content::ContentFiles::embedded()
            .with_overrides(dir)
            .map_err(|source| StartError::ContentDir {
                dir: dir.clone(),
                source,
            })?,
        None => crate::content::ContentFiles::embedded(),
    };
    let state = AppState {
        store,
        config: Arc::new(config),
        clock,
        locales: Arc::new(Locales::new()?),
        assets: Arc::new(Assets::embedded()),
        bank: Arc::new(crate::content::question_bank(&content)?),
        pdf: Arc::new(heard_docs::PdfEngine::new()),
        letters: Arc::new(crate::content::letters(&content)?),
        escalation: Arc::new(crate::content::escalation(&content)?),
        learn: Arc::new(crate::content::learn(&content)?),
        proxy_warned: Arc::default(),
    };
    Ok(Application {
        listener,
        router: router(state.clone()),
        state,
    })
}

impl Application {
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let purge = tokio::spawn(purge_expired(self.state.clone()));
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        purge.abort();
        self.state.store.close().await;
        served
    }
}

/// Every ten minutes: clears out ended sessions and old sign-in events, and writes the shared
/// experiences waiting for an operator again, so no trace of the request that shared the
/// newest one is left in the database's bookkeeping (see the store).
async fn purge_expired(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(e) = state.store.purge_expired(state.clock.now()).await {
            tracing::warn!(error = %e, "purging expired sessions failed");
        }
        if let Err(e) = state.store.reshuffle_waiting_experiences().await {
            tracing::warn!(error = %e, "rewriting the waiting shared experiences failed");
        }
    }
}

pub fn router(state: AppState) -> Router {
    let visitor = from_fn_with_state(state.clone(), visitor::layer);
    let (router, _) = crate::routes::page_routes()
        .wrap(|pages| pages.fallback(fallback_not_found).layer(visitor))
        .merge(crate::routes::other_routes())
        .into_parts();
    router
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(from_fn_with_state(state.clone(), security::error_pages))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(
            // Log the route pattern, never the full URL: a query string could hold what someone
            // typed into a search box.
            TraceLayer::new_for_http()
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
                .make_span_with(|req: &Request| {
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("(unmatched)", |p| p.as_str());
                    let reference = req
                        .extensions()
                        .get::<RequestId>()
                        .map_or("", |r| r.0.as_str());
                    tracing::info_span!("request", method = %req.method(), route, reference)
                }),
        )
        .layer(axum::middleware::from_fn(security::request_id))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn fallback_not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}
