//! Heard's domain: the types and rules of the product, with no I/O.
//!
//! Everything here is a pure function of its inputs. Time is passed in, never read from the
//! clock, so every rule can be tested for any date.

pub mod account;
pub mod anonymity;
pub mod calendar;
pub mod choice;
pub mod concern;
pub mod consultation;
pub mod content;
pub mod content_check;
pub mod directory;
pub mod due;
pub mod escalation;
pub mod experience;
pub mod glossary;
pub mod guidance;
pub mod letter;
pub mod note;
pub mod open_cases;
pub mod pathway;
pub mod plain;
pub mod provenance;
pub mod question_bank;
pub mod reckoning;
pub mod recommend;
pub mod reflection;
pub mod room;
pub mod subject_access;
pub mod time;
pub mod tone;
pub mod typed;
pub mod when;

pub use account::{NewPassword, PasswordProblem, Username, UsernameProblem};
pub use consultation::{Consultation, Questions};
pub use note::{Note, NoteProblem};
pub use question_bank::QuestionBank;
