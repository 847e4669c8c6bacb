//! Paths on this site: whether a path someone sent us (a "come back here" link, a form's
//! return address) is one of ours and safe to redirect to.

/// A path to send someone back to after signing in, or to carry a kept form to: only a path
/// on this site, or `None`. The candidate is resolved against a fixed base the way a browser
/// resolves a `Location`, and must stay on that origin; control characters and white space are
/// refused outright, because browsers drop tabs and newlines from URLs (`/\t/evil.example`
/// would become `//evil.example`). What comes back is the resolved path and query, encoded, so it
/// is always a valid header value.
pub fn local_path(candidate: Option<&str>) -> Option<String> {
    const BASE: &str = "http://heard.invalid/";
    let candidate = candidate?;
    let odd = |text: &str| {
        text.chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    };
    if !candidate.starts_with('/') || candidate.len() > 2000 || odd(candidate) {
        return None;
    }
    // Heard's own paths never hold encoded characters: an encoded slash, backslash or space in
    // the path is someone trying to get past these checks. (A query may hold them: a search.)
    let path = candidate.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if odd(&decoded) || decoded.contains("//") {
        return None;
    }
    let base = url::Url::parse(BASE).ok()?;
    let resolved = base.join(candidate).ok()?;
    let path = resolved.path();
    // `/.//evil.example` resolves to the path `//evil.example`, which a browser would read as
    // another host.
    if resolved.origin() != base.origin() || !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    Some(match resolved.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            local_path(Some("/dashboard")).as_deref(),
            Some("/dashboard")
        );
        assert_eq!(
            local_path(Some("/notes/1/edit?x=1")).as_deref(),
            Some("/notes/1/edit?x=1")
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "dashboard",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), None, "{bad}");
        }
    }
}
