//! Every string the interface shows comes from the Fluent files in `content/locales/`.

use std::borrow::Cow;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The en-GB messages, embedded at build time.
const EN_GB: &[(&str, &str)] = &[
    (
        "common.ftl",
        include_str!("../../../content/locales/en-GB/common.ftl"),
    ),
    (
        "home.ftl",
        include_str!("../../../content/locales/en-GB/home.ftl"),
    ),
    (
        "account.ftl",
        include_str!("../../../content/locales/en-GB/account.ftl"),
    ),
    (
        "dashboard.ftl",
        include_str!("../../../content/locales/en-GB/dashboard.ftl"),
    ),
    (
        "errors.ftl",
        include_str!("../../../content/locales/en-GB/errors.ftl"),
    ),
    (
        "consultation.ftl",
        include_str!("../../../content/locales/en-GB/consultation.ftl"),
    ),
    (
        "room.ftl",
        include_str!("../../../content/locales/en-GB/room.ftl"),
    ),
    (
        "letters.ftl",
        include_str!("../../../content/locales/en-GB/letters.ftl"),
    ),
    (
        "concerns.ftl",
        include_str!("../../../content/locales/en-GB/concerns.ftl"),
    ),
    (
        "guidance.ftl",
        include_str!("../../../content/locales/en-GB/guidance.ftl"),
    ),
    (
        "experiences.ftl",
        include_str!("../../../content/locales/en-GB/experiences.ftl"),
    ),
    (
        "rules.ftl",
        include_str!("../../../content/locales/en-GB/rules.ftl"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum LocaleError {
    #[error("{file}: {problem}")]
    Invalid { file: &'static str, problem: String },
}

/// Which messages a visitor sees. `Pseudo` (en-XA) is en-GB with every letter accented and
/// every word about 40% longer: switched on with `?locale=en-XA`, it shows at a glance any
/// text that does not come from the locale files, and any layout that breaks with longer words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LocaleChoice {
    #[default]
    EnGb,
    Pseudo,
}

impl LocaleChoice {
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "en-GB" => Some(Self::EnGb),
            "en-XA" => Some(Self::Pseudo),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Self::EnGb => "en-GB",
            Self::Pseudo => "en-XA",
        }
    }
}

/// Every language Heard speaks, loaded once.
pub struct Locales {
    en_gb: Arc<Localizer>,
    pseudo: Arc<Localizer>,
}

impl Locales {
    pub fn new() -> Result<Self, LocaleError> {
        Ok(Self {
            en_gb: Arc::new(Localizer::en_gb()?),
            pseudo: Arc::new(Localizer::pseudo()?),
        })
    }

    pub fn get(&self, choice: LocaleChoice) -> &Arc<Localizer> {
        match choice {
            LocaleChoice::EnGb => &self.en_gb,
            LocaleChoice::Pseudo => &self.pseudo,
        }
    }
}

/// Accents every letter and lengthens each word by repeating its vowels, as translations are
/// often about 40% longer than English.
fn pseudo_text(text: &str) -> Cow<'_, str> {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: [char; 52] = [
        'á', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'í', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ó', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'ú', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž', 'Á', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Í', 'Ĵ',
        'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ó', 'Þ', 'Ǫ', 'Ŕ', 'Š', 'Ţ', 'Ú', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match FROM.find(c) {
            Some(i) => {
                let accented = TO[i];
                out.push(accented);
                if "aeiouAEIOU".contains(c) {
                    out.push(accented);
                }
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Messages for one language.
pub struct Localizer {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    pub fn en_gb() -> Result<Self, LocaleError> {
        Self::build("en-GB")
    }

    /// en-GB through the pseudo-locale transform (en-XA).
    pub fn pseudo() -> Result<Self, LocaleError> {
        let mut localizer = Self::build("en-XA")?;
        localizer.bundle.set_transform(Some(pseudo_text));
        Ok(localizer)
    }

    fn build(tag: &'static str) -> Result<Self, LocaleError> {
        let lang: LanguageIdentifier = tag.parse().map_err(|_| LocaleError::Invalid {
            file: "en-GB",
            problem: "bad language tag".into(),
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        // The invisible isolation marks Fluent adds around arguments would end up in HTML and
        // in copied text.
        bundle.set_use_isolating(false);
        for (file, text) in EN_GB {
            let resource = FluentResource::try_new((*text).to_owned()).map_err(|(_, errors)| {
                LocaleError::Invalid {
                    file,
                    problem: format!("{errors:?}"),
                }
            })?;
            bundle
                .add_resource(resource)
                .map_err(|errors| LocaleError::Invalid {
                    file,
                    problem: format!("duplicate messages: {errors:?}"),
                })?;
        }
        Ok(Self { lang: tag, bundle })
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id`. A missing message shows its id (and is logged), never a blank.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(message.id = id, "missing message");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(message.id = id, "message formatted with errors");
        }
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_files_parse_and_format_arguments() {
        let t = Localizer::en_gb().unwrap();
        assert_eq!(t.t("site-name"), "Heard");
        assert_eq!(
            t.t_with("dashboard-hello", &[("name", "sam".into())]),
            "Hello, sam"
        );
        assert_eq!(t.t("no-such-message"), "no-such-message");
    }

    #[test]
    fn the_pseudo_locale_accents_and_lengthens_text_but_not_what_is_passed_in() {
        let t = Localizer::pseudo().unwrap();
        assert_eq!(t.lang(), "en-XA");
        let hello = t.t_with("dashboard-hello", &[("name", "sam".into())]);
        assert_eq!(hello, "Ĥééļļóó, sam");
        let plain = Localizer::en_gb().unwrap().t("home-lead");
        let pseudo = t.t("home-lead");
        assert!(
            pseudo.chars().count() as f64 >= plain.chars().count() as f64 * 1.25,
            "{pseudo}"
        );
        assert!(!pseudo.chars().any(|c| c.is_ascii_alphabetic()), "{pseudo}");
    }

    #[test]
    fn every_locale_file_is_embedded() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/locales/en-GB");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = EN_GB.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    /// Choices are shown by message ids made from their ids ("place-gp-practice"), which the
    /// scan of the templates cannot see: check them all here.
    #[test]
    fn every_choice_has_a_label() {
        use heard_core::choice::Choice;
        use heard_core::consultation::{
            AccessNeed, AppointmentKind, AssumptionPrompt, CompanionRole, GoalChoice, Place,
            ProfessionalRole,
        };
        fn check<C: Choice>(t: &Localizer, prefix: &str) {
            for c in C::ALL {
                let id = format!("{prefix}-{}", c.id());
                assert!(t.has(&id), "{id} is missing");
            }
        }
        let t = Localizer::en_gb().unwrap();
        check::<Place>(&t, "place");
        check::<ProfessionalRole>(&t, "role");
        check::<AppointmentKind>(&t, "kind");
        check::<GoalChoice>(&t, "goal");
        check::<CompanionRole>(&t, "companion-role");
        check::<AccessNeed>(&t, "access");
        check::<AssumptionPrompt>(&t, "assumptions");
        check::<heard_core::reflection::Answer>(&t, "reflect");
        check::<heard_core::reflection::UnfairAnswer>(&t, "reflect-unfair");
        check::<heard_core::reflection::ProtectedCharacteristic>(&t, "characteristic");
        for step in heard_core::reflection::ReflectionStep::ALL {
            assert!(
                t.has(&format!("reflect-{}", step.id())),
                "reflect-{} is missing",
                step.id()
            );
        }
        for action in crate::pages::consultations::ALL_ACTIONS {
            let id = crate::pages::consultations::action_message(action);
            assert!(t.has(&id), "{id} is missing");
        }
        for problem in heard_core::when::WHEN_PROBLEMS
            .iter()
            .map(ToString::to_string)
            .chain(
                heard_core::consultation::QUESTION_PROBLEMS
                    .iter()
                    .map(ToString::to_string),
            )
        {
            assert!(t.has(&problem), "{problem} is missing");
        }
    }

    #[test]
    fn every_message_the_core_rules_return_exists() {
        let t = Localizer::en_gb().unwrap();
        for id in heard_core::account::MESSAGE_IDS {
            assert!(t.has(id), "{id} is missing from the locale files");
        }
        for problem in [
            heard_core::NoteProblem::Missing,
            heard_core::NoteProblem::TooLong,
        ] {
            assert!(t.has(&problem.to_string()), "{problem} is missing");
        }
    }

    /// Every `t("…")`, `t1("…"` and `tn("…"` in the templates and every `"…"` passed to
    /// `t`/`t_with` in the page code names a message that exists.
    #[test]
    fn every_message_the_pages_use_exists() {
        let t = Localizer::en_gb().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        // Every file below these folders, feature folders included.
        let mut folders = vec![root.join("templates"), root.join("src/pages")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for id in message_ids_in(&text) {
                    assert!(
                        t.has(&id),
                        "{}: message {id} does not exist",
                        path.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 50,
            "only {checked} message uses found: is the scan broken?"
        );
    }

    fn message_ids_in(text: &str) -> Vec<String> {
        let mut ids = Vec::new();
        // A method call: `.t("id")` and friends (not `errors.get("text")`).
        for marker in [".t(\"", ".t1(\"", ".tn(\"", ".t_with(\""] {
            let mut rest = text;
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    if !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    {
                        ids.push(id.to_owned());
                    }
                }
            }
        }
        ids
    }
}
