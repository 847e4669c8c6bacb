//! Building and running the server. `build` binds (port 0 in tests) and reports the address;
//! `run_until_stopped` serves until the shutdown signal.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use heard_store::Store;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::assets::{self, Assets};
use crate::i18n::Locales;
use crate::pages::{
    account, afterwards, calendar_feed, concerns, consultations, dashboard, directory, experiences,
    guidance, home, letters, notes, questions, room,
};
use crate::security::{self, RequestId};
use crate::{Clock, WebConfig, visitor};

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub clock: Clock,
    pub locales: Arc<Locales>,
    pub assets: Arc<Assets>,
    pub bank: Arc<heard_core::QuestionBank>,
    /// Typst, set up once: fonts parsed, library built.
    pub pdf: Arc<heard_docs::PdfEngine>,
    pub letters: Arc<crate::pages::letters::LetterLibrary>,
    /// The pathways for each nation and the national directory.
    pub escalation: Arc<crate::content::Escalation>,
    /// The guidance pages and the glossary.
    pub learn: Arc<crate::pages::guidance::Learn>,
}

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

/// Clears out ended sessions and old sign-in failures every ten minutes.
async fn purge_expired(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(e) = state.store.purge_expired(state.clock.now()).await {
            tracing::warn!(error = %e, "purging expired sessions failed");
        }
    }
}

pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .fallback(fallback_not_found)
        .route("/", get(home::show))
        .route(
            "/register",
            get(account::register_form).post(account::register),
        )
        .route(
            "/sign-in",
            get(account::sign_in_form).post(account::sign_in),
        )
        .route("/sign-out", post(account::sign_out))
        .route("/session/keep-alive", post(account::keep_alive))
        .route("/dashboard", get(dashboard::show))
        .route("/notes", get(notes::all).post(notes::create))
        .route("/notes/download", get(notes::download))
        .route("/notes/{id}", post(notes::update))
        .route("/notes/{id}/edit", get(notes::edit))
        .route(
            "/notes/{id}/delete",
            get(notes::confirm_delete).post(notes::delete),
        )
        .route(
            "/consultations",
            get(consultations::list).post(consultations::create),
        )
        .route("/consultations/new", get(consultations::new_form))
        .route("/consultations/{id}", get(consultations::summary))
        .route(
            "/consultations/{id}/details",
            get(consultations::details_form).post(consultations::details_save),
        )
        .route(
            "/consultations/{id}/goal",
            get(consultations::goal_form).post(consultations::goal_save),
        )
        .route(
            "/consultations/{id}/questions",
            get(questions::list).post(questions::add),
        )
        .route(
            "/consultations/{id}/questions/{question}",
            post(questions::act),
        )
        .route(
            "/consultations/{id}/questions/{question}/edit",
            get(questions::edit_form).post(questions::edit_save),
        )
        .route(
            "/consultations/{id}/bank",
            get(questions::bank).post(questions::bank_add),
        )
        .route(
            "/consultations/{id}/companion",
            get(consultations::companion_form).post(consultations::companion_save),
        )
        .route(
            "/consultations/{id}/access",
            get(consultations::access_form).post(consultations::access_save),
        )
        .route(
            "/consultations/{id}/talk",
            get(consultations::talk_form).post(consultations::talk_save),
        )
        .route(
            "/consultations/{id}/assumptions",
            get(consultations::assumptions_form).post(consultations::assumptions_save),
        )
        .route("/consultations/{id}/sheet", get(consultations::sheet))
        .route(
            "/consultations/{id}/sheet.pdf",
            get(consultations::sheet_pdf),
        )
        .route(
            "/consultations/{id}/appointment.ics",
            get(consultations::calendar_file),
        )
        .route(
            "/consultations/{id}/delete",
            get(consultations::confirm_delete).post(consultations::delete),
        )
        .route("/consultations/{id}/room", get(room::show).post(room::save))
        .route("/consultations/{id}/reflect", get(afterwards::start))
        .route(
            "/consultations/{id}/reflect/{step}",
            get(afterwards::show).post(afterwards::save),
        )
        .route("/consultations/{id}/next", get(afterwards::next))
        .route("/letters", get(letters::list).post(letters::create))
        .route("/letters/new", get(letters::choose))
        .route("/letters/{id}", get(letters::edit).post(letters::save))
        .route("/letters/{id}/preview", get(letters::preview))
        .route("/letters/{id}/letter.pdf", get(letters::pdf))
        .route("/letters/{id}/letter.txt", get(letters::txt))
        .route("/letters/{id}/letter.eml", get(letters::eml))
        .route("/letters/{id}/sent", post(letters::sent))
        .route("/letters/{id}/replied", post(letters::replied))
        .route(
            "/letters/{id}/delete",
            get(letters::confirm_delete).post(letters::delete),
        )
        .route("/letters/{id}/recipient", post(directory::use_for_letter))
        .route("/concerns", get(concerns::list).post(concerns::create))
        .route("/concerns/new", get(concerns::new_form))
        .route("/concerns/{id}", get(concerns::show))
        .route(
            "/concerns/{id}/edit",
            get(concerns::edit_form).post(concerns::edit_save),
        )
        .route("/concerns/{id}/pathway", get(concerns::pathway))
        .route("/concerns/{id}/events", post(concerns::create_event))
        .route("/concerns/{id}/events/new", get(concerns::new_event))
        .route(
            "/concerns/{id}/events/{event}",
            get(concerns::edit_event).post(concerns::save_event),
        )
        .route(
            "/concerns/{id}/events/{event}/delete",
            get(concerns::confirm_delete_event).post(concerns::delete_event),
        )
        .route("/concerns/{id}/case-file.pdf", get(concerns::case_file))
        .route("/concerns/{id}/deadline.ics", get(concerns::deadline_ics))
        .route(
            "/concerns/{id}/delete",
            get(concerns::confirm_delete).post(concerns::delete),
        )
        .route("/directory", get(directory::search))
        .route(
            "/experiences",
            get(experiences::list).post(experiences::create),
        )
        .route("/experiences/new", get(experiences::new_form))
        .route("/experiences/mine", get(experiences::mine))
        .route("/experiences/{id}/withdraw", post(experiences::withdraw))
        .route("/moderation", get(experiences::moderation))
        .route("/moderation/{id}", post(experiences::moderate))
        .route(
            "/account/calendar",
            get(calendar_feed::show).post(calendar_feed::change),
        )
        .route("/guidance", get(guidance::index))
        .route("/guidance/{slug}", get(guidance::show))
        .route("/glossary", get(guidance::glossary))
        .layer(from_fn_with_state(state.clone(), visitor::layer));

    Router::new()
        .merge(pages)
        .route("/assets/{name}", get(assets::serve))
        .route("/calendar/{file}", get(calendar_feed::feed))
        .route("/health", get(|| async { "ok" }))
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
