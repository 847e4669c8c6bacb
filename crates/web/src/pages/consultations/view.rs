//! A consultation as the pages show it: when, where, who with, and how far it is prepared.

use heard_core::Consultation;
use heard_core::consultation::Interpreter;
use heard_store::RecordId;

use crate::pages::PageContext;
use crate::pages::widgets::label;

/// A consultation as the summary and sheet show it: every part in words.
pub struct ConsultationView {
    pub id: String,
    pub when: String,
    pub where_: String,
    pub with: String,
    pub kind: String,
    /// Each part, and whether the person typed it (rather than picked it).
    pub goal: Vec<(String, bool)>,
    pub questions: Vec<(usize, String, bool)>,
    pub companion: Option<String>,
    pub access: Vec<(String, bool)>,
    pub interpreter_needed: bool,
    pub say_first: String,
    pub talk_notes: String,
    pub assumptions: Vec<(String, String)>,
    pub question_count: usize,
    pub past: bool,
}

impl ConsultationView {
    pub fn new(ctx: &PageContext, id: RecordId, c: &Consultation, now: jiff::Timestamp) -> Self {
        let place = label(ctx, "place", c.place);
        let where_ = if c.place_name.is_empty() {
            place
        } else {
            format!("{place}: {}", c.place_name)
        };
        let role = label(ctx, "role", c.with_role);
        let with = if c.with_name.is_empty() {
            role
        } else {
            format!("{}, {role}", c.with_name)
        };
        let mut goal: Vec<(String, bool)> = c
            .goal
            .choices
            .iter()
            .map(|g| (label(ctx, "goal", *g), false))
            .collect();
        if !c.goal.own_words.is_empty() {
            goal.push((c.goal.own_words.clone(), true));
        }
        let companion = c.companion.as_ref().map(|p| {
            let mut roles: Vec<String> = p
                .roles
                .iter()
                .map(|r| label(ctx, "companion-role", *r))
                .collect();
            if !p.speak_about.is_empty() {
                roles.push(format!("“{}”", p.speak_about));
            }
            let who = if p.relationship.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.relationship)
            };
            format!("{who}: {}", roles.join(", "))
        });
        let mut access = Vec::new();
        match &c.access.interpreter {
            Some(Interpreter::Spoken(language)) => access.push((
                ctx.t1("access-interpreter-spoken-summary", "language", language),
                false,
            )),
            Some(Interpreter::BritishSignLanguage) => {
                access.push((ctx.t("access-interpreter-bsl-summary"), false))
            }
            None => {}
        }
        access.extend(
            c.access
                .needs
                .iter()
                .map(|n| (label(ctx, "access", *n), false)),
        );
        if !c.access.other.is_empty() {
            access.push((c.access.other.clone(), true));
        }
        Self {
            id: id.to_string(),
            when: ctx.date_time(&c.starts()),
            where_,
            with,
            kind: label(ctx, "kind", c.kind),
            goal,
            questions: c
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (i + 1, q.text.clone(), q.important))
                .collect(),
            companion,
            interpreter_needed: c.access.interpreter.is_some(),
            access,
            say_first: c.say_first.clone(),
            talk_notes: c.rehearsal_notes.clone(),
            assumptions: c
                .assumptions
                .iter()
                .map(|a| (label(ctx, "assumptions", a.prompt), a.answer.clone()))
                .collect(),
            question_count: c.questions.len(),
            past: c.is_past(now),
        }
    }
}
