//! What every handler can reach: the store, the settings, the clock and the content loaded at
//! start. Only types from `core`, `store`, `docs` and web's own non-page modules live here, so no
//! page depends on another page through the state.

use std::sync::Arc;

use heard_store::Store;

use crate::assets::Assets;
use crate::i18n::Locales;
use crate::{Clock, WebConfig};

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
    pub letters: Arc<crate::content::LetterLibrary>,
    /// The pathways for each nation and the national directory.
    pub escalation: Arc<crate::content::Escalation>,
    /// The guidance pages and the glossary.
    pub learn: Arc<crate::content::Learn>,
    /// Whether the warning about an untrusted proxy has been logged (see `visitor`).
    pub proxy_warned: Arc<std::sync::atomic::AtomicBool>,
}

/// The asset handler needs only the assets, so it does not depend on the whole state.
impl axum::extract::FromRef<AppState> for Arc<Assets> {
    fn from_ref(state: &AppState) -> Self {
        state.assets.clone()
    }
}

impl AppState {
    /// Today in London: the day every form and time limit counts from.
    pub fn today(&self) -> jiff::civil::Date {
        heard_core::time::in_london(self.clock.now()).date()
    }
}
