//! Notes: a person's own jottings, the first thing Heard keeps for them.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Note;
use heard_core::time::in_london;
use heard_store::Stored;
use serde::Deserialize;

use super::dashboard;
use crate::access::Routes;
use crate::error::AppError;
use crate::pages::{
    FormErrors, PageContext, Saved, delete_then, parse_id, render, render_or_error,
    save_if_unchanged,
};
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// A note as pages show it.
pub struct NoteView {
    pub id: String,
    pub text: String,
    pub summary: String,
    pub version: i64,
    pub updated: String,
}

impl NoteView {
    pub fn new(ctx: &PageContext, stored: Stored<Note>) -> Self {
        Self {
            id: stored.id.to_string(),
            summary: stored.value.summary(80),
            updated: ctx.date_time(&in_london(stored.updated_at)),
            text: stored.value.text,
            version: stored.version,
        }
    }
}

#[derive(Template)]
#[template(path = "notes_all.html")]
struct AllNotesPage {
    ctx: PageContext,
    notes: Vec<NoteView>,
}

/// Every note, newest first (the dashboard shows only the newest few).
pub async fn all(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let mut notes: Vec<NoteView> = state
        .store
        .list::<Note>(&user.user.owner)
        .await?
        .into_iter()
        .map(|n| NoteView::new(&user.ctx, n))
        .collect();
    notes.reverse();
    render(
        StatusCode::OK,
        &AllNotesPage {
            ctx: user.ctx,
            notes,
        },
    )
}

#[derive(Deserialize)]
pub struct NewNoteForm {
    #[serde(default)]
    text: String,
    /// Made when the form was shown, so a double submission stores one note.
    #[serde(default)]
    id: String,
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<NewNoteForm>,
) -> Result<Response, AppError> {
    let note = match Note::parse(&form.text) {
        Ok(note) => note,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("text", user.ctx.t(&problem.to_string()));
            let page = dashboard(&state, user, None, form.text, errors).await?;
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let id = form.id.parse().unwrap_or_default();
    state
        .store
        .insert_with_id(&user.user.owner, id, note, state.clock.now())
        .await?;
    Ok(Redirect::to("/dashboard?done=note-saved#notes").into_response())
}

#[derive(Template)]
#[template(path = "note_edit.html")]
struct EditPage {
    ctx: PageContext,
    id: String,
    text: String,
    version: i64,
    updated: String,
    errors: FormErrors,
    /// Set when someone else saved first: their version, shown beside ours.
    saved_elsewhere: Option<String>,
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let note = NoteView::new(
        &user.ctx,
        state
            .store
            .get::<Note>(&user.user.owner, parse_id(&id)?)
            .await?,
    );
    render(
        StatusCode::OK,
        &EditPage {
            ctx: user.ctx,
            id: note.id,
            text: note.text,
            version: note.version,
            updated: note.updated,
            errors: FormErrors::default(),
            saved_elsewhere: None,
        },
    )
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    version: String,
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let owner = &user.user.owner;
    let current = NoteView::new(&user.ctx, state.store.get::<Note>(owner, id).await?);
    let version: i64 = form.version.parse().map_err(|_| AppError::BadRequest)?;
    let note = match Note::parse(&form.text) {
        Ok(note) => note,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("text", user.ctx.t(&problem.to_string()));
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &EditPage {
                    ctx: user.ctx,
                    id: current.id,
                    text: form.text,
                    version,
                    updated: current.updated,
                    errors,
                    saved_elsewhere: None,
                },
            );
        }
    };
    match save_if_unchanged(&state, owner, id, version, note).await? {
        Saved::Done => Ok(Redirect::to("/dashboard?done=note-updated#notes").into_response()),
        Saved::ChangedElsewhere(_) => {
            // Both versions stay: the saved one is shown, the person's own stays in the box,
            // and the form now carries the current version so their next save goes through.
            let latest = NoteView::new(&user.ctx, state.store.get::<Note>(owner, id).await?);
            render(
                StatusCode::CONFLICT,
                &EditPage {
                    ctx: user.ctx,
                    id: latest.id,
                    text: form.text,
                    version: latest.version,
                    updated: latest.updated,
                    errors: FormErrors::default(),
                    saved_elsewhere: Some(latest.text),
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "note_delete.html")]
struct DeletePage {
    ctx: PageContext,
    note: NoteView,
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let note = NoteView::new(
        &user.ctx,
        state
            .store
            .get::<Note>(&user.user.owner, parse_id(&id)?)
            .await?,
    );
    Ok(render_or_error(
        StatusCode::OK,
        &DeletePage {
            ctx: user.ctx,
            note,
        },
    ))
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    delete_then::<Note>(
        &state,
        &user.user.owner,
        &id,
        "/dashboard?done=note-deleted#notes",
    )
    .await
}

/// All the person's notes as one plain-text file, to keep or print.
pub async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let mut notes = state.store.list::<Note>(&user.user.owner).await?;
    notes.reverse();
    let ctx = &user.ctx;
    let wording = heard_docs::text::NotesWording {
        title: ctx.t("notes-export-title"),
        exported: ctx.t1(
            "notes-export-downloaded",
            "when",
            &ctx.date_time(&in_london(state.clock.now())),
        ),
        empty: ctx.t("notes-empty"),
        changed: ctx.t("notes-export-changed"),
    };
    let text = heard_docs::text::notes_document(
        notes
            .iter()
            .map(|n| (&n.value, ctx.date_time(&in_london(n.updated_at)))),
        &wording,
    )
    .to_plain_text();
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"heard-notes.txt\""),
            ),
        ],
        text,
    )
        .into_response();
    response.extensions_mut().insert(crate::pages::Rendered);
    Ok(response)
}

/// The notes pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::Member;
    Routes::new()
        .get("/notes", Member, all)
        .post("/notes", Member, create)
        .get("/notes/download", Member, download)
        .post("/notes/{id}", Member, update)
        .get("/notes/{id}/edit", Member, edit)
        .get("/notes/{id}/delete", Member, confirm_delete)
        .post("/notes/{id}/delete", Member, delete)
}
