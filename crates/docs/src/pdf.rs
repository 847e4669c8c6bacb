//! PDF through Typst, embedded as a library: fonts built into the binary, no system fonts, no
//! network, no file system. A4, PDF/A-2a (archival and tagged), selectable text.
//!
//! User text never becomes Typst markup. The template is ours and fixed; the document's
//! content reaches it as a JSON file (`/data.json`) that the template reads with `json()` and
//! shows as plain strings. Anything a person types, `#read("/etc/passwd")` included, is
//! printed as it is.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// What went wrong, without Typst's messages: those can quote the document's text (a person's
/// words), and this error is logged.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the document template failed ({errors} errors)")]
    Template { errors: usize },
    #[error("PDF export failed ({errors} errors)")]
    Export { errors: usize },
    #[error("document data could not be prepared")]
    Data,
}

/// A document for print: a title, a few facts, and blocks of text. The same shape serves the
/// consultation sheet now and letters later.
#[derive(Debug, Clone, Serialize)]
pub struct PrintDocument {
    pub title: String,
    pub subtitle: Option<String>,
    /// Goes into the PDF's metadata.
    pub author: String,
    pub footer: String,
    pub date: PrintDate,
    pub blocks: Vec<PrintBlock>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct PrintDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum PrintBlock {
    Heading {
        text: String,
    },
    /// Lines of one paragraph, kept as the person broke them.
    Paragraph {
        lines: Vec<String>,
    },
    Facts {
        rows: Vec<(String, String)>,
    },
    Bullets {
        items: Vec<String>,
    },
    /// Ruled lines to write on.
    Lines {
        count: u8,
    },
    /// Starts a new page (before each appendix of a case file).
    PageBreak,
    /// A numbered question with ruled lines under it to write the answer on.
    Question {
        number: usize,
        text: String,
        marker: Option<String>,
        lines: u8,
    },
}

impl PrintBlock {
    pub fn paragraph(text: &str) -> Self {
        PrintBlock::Paragraph {
            lines: text.lines().map(str::to_owned).collect(),
        }
    }
}

const PRINT_TEMPLATE: &str = include_str!("typst/print.typ");
const LETTER_TEMPLATE: &str = include_str!("typst/letter.typ");

/// What the letter template reads.
#[derive(Serialize)]
struct LetterData<'a> {
    letter: &'a heard_core::letter::Letter,
    author: &'a str,
    date: PrintDate,
}

/// Compiled once per process and shared: fonts parsed, standard library built.
pub struct PdfEngine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    renders: AtomicUsize,
}

impl Default for PdfEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfEngine {
    pub fn new() -> Self {
        let faces: [&'static [u8]; 4] = [
            dejavu::sans::regular(),
            dejavu::sans::bold(),
            dejavu::sans::oblique(),
            dejavu::sans::bold_oblique(),
        ];
        let fonts: Vec<Font> = faces
            .into_iter()
            .flat_map(|bytes| Font::iter(Bytes::new(bytes)))
            .collect();
        let mut book = FontBook::new();
        for font in &fonts {
            book.push(font.info().clone());
        }
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            renders: AtomicUsize::new(0),
        }
    }

    /// Renders a print document to PDF bytes. CPU-bound (milliseconds): call it off the async
    /// runtime's threads.
    pub fn render(&self, document: &PrintDocument) -> Result<Vec<u8>, PdfError> {
        self.render_template(PRINT_TEMPLATE, document, document.date)
    }

    /// Renders a letter to PDF: the same structure as every other form of the letter.
    pub fn render_letter(
        &self,
        letter: &heard_core::letter::Letter,
        author: &str,
        date: PrintDate,
    ) -> Result<Vec<u8>, PdfError> {
        self.render_template(
            LETTER_TEMPLATE,
            &LetterData {
                letter,
                author,
                date,
            },
            date,
        )
    }

    fn render_template(
        &self,
        template: &'static str,
        data: &impl Serialize,
        date: PrintDate,
    ) -> Result<Vec<u8>, PdfError> {
        let mut value = serde_json::to_value(data).map_err(|_| PdfError::Data)?;
        self.make_printable(&mut value);
        let data = serde_json::to_vec(&value).map_err(|_| PdfError::Data)?;
        let world = DocumentWorld::new(self, template, data)?;
        let compiled = typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| PdfError::Template {
                errors: errors.len(),
            })?;
        let date = Datetime::from_ymd_hms(date.year, date.month, date.day, 12, 0, 0)
            .ok_or(PdfError::Data)?;
        let standards =
            PdfStandards::new(&[PdfStandard::A_2a]).map_err(|_| PdfError::Export { errors: 1 })?;
        let options = PdfOptions {
            timestamp: Some(Timestamp::new_utc(date)),
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&compiled, &options).map_err(|errors| PdfError::Export {
            errors: errors.len(),
        })?;
        // Typst memoises work across compilations; trim what has not been used for a while so a
        // long-running server does not grow.
        if self.renders.fetch_add(1, Ordering::Relaxed) % 64 == 63 {
            typst::comemo::evict(20);
        }
        Ok(pdf)
    }
}

impl PdfEngine {
    /// Whether an embedded font can draw this character.
    fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|f| f.info().coverage.contains(c as u32))
    }

    /// PDF/A refuses text no embedded font can draw, so a single emoji would stop the whole
    /// document. Characters the fonts lack (emoji, scripts such as Chinese that DejaVu Sans
    /// does not cover) are shown as a box instead; joiners and variation selectors, which only
    /// shape emoji, are dropped. Control characters (a NUL in text stored before forms
    /// removed them) are dropped too: they draw nothing and stop the export. Tabs become
    /// spaces.
    fn make_printable(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => {
                if let std::borrow::Cow::Owned(cleaned) = heard_core::typed::clean(text) {
                    *text = cleaned;
                }
                // Typst draws a tab as nothing, which would run two words together.
                if text.contains('\t') {
                    *text = text.replace('\t', " ");
                }
                if text.chars().all(|c| c.is_whitespace() || self.covers(c)) {
                    return;
                }
                *text = text
                    .chars()
                    .filter(|c| {
                        !matches!(
                            c,
                            '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'
                        )
                    })
                    .map(|c| {
                        if c.is_whitespace() || self.covers(c) {
                            c
                        } else {
                            MISSING_GLYPH
                        }
                    })
                    .collect();
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(|v| self.make_printable(v))
            }
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.make_printable(v)),
            _ => {}
        }
    }
}

/// Shown in a PDF for a character the embedded fonts cannot draw (DejaVu Sans has it).
pub const MISSING_GLYPH: char = '\u{25A1}';

/// The tiny world one document is compiled in: our template and its data, nothing else.
struct DocumentWorld<'a> {
    engine: &'a PdfEngine,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl<'a> DocumentWorld<'a> {
    fn new(engine: &'a PdfEngine, template: &'static str, data: Vec<u8>) -> Result<Self, PdfError> {
        let id = |path: &str| -> Result<FileId, PdfError> {
            let vpath = VirtualPath::new(path).map_err(|_| PdfError::Data)?;
            Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
        };
        Ok(Self {
            engine,
            main: Source::new(id("/main.typ")?, template.to_owned()),
            data_id: id("/data.json")?,
            data: Bytes::new(data),
        })
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else {
            // Nothing else exists: no files from disk, no packages.
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Documents carry their own date; the template never asks for today.
        None
    }
}
