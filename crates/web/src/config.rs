use std::net::SocketAddr;

use axum::http::{HeaderMap, header};

/// How the web server behaves. Every field has a working default; the binary fills them from
/// flags and `HEARD_*` variables.
#[derive(Debug, Clone)]
pub struct WebConfig {
    pub addr: SocketAddr,
    /// Mark cookies `Secure` with the `__Host-` prefix, and send HSTS. Turn on behind HTTPS.
    pub secure_cookies: bool,
    /// Add `includeSubDomains` to HSTS: only when every name under this one is served over
    /// HTTPS too, which the operator knows and Heard cannot.
    pub hsts_include_subdomains: bool,
    /// Take the client address from `X-Forwarded-For` (its last entry). Only when a proxy you
    /// run sets it: otherwise anyone could pick their own address and dodge sign-in limits.
    pub trust_proxy_headers: bool,
    /// Where people reach Heard. Every absolute URL Heard shows (a calendar feed's address)
    /// starts with it. Without it, the request's `Host` is used only when it is a loopback
    /// address: a `Host` header is whatever the client sent.
    pub public_url: Option<PublicUrl>,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// A folder whose files replace (or add to) the built-in content of the same path.
    pub content_dir: Option<std::path::PathBuf>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            hsts_include_subdomains: false,
            trust_proxy_headers: false,
            public_url: None,
            max_body_bytes: 1024 * 1024,
            content_dir: None,
        }
    }
}

impl WebConfig {
    /// The absolute URL of one of Heard's paths, as people should use it, or `None` when
    /// Heard cannot know its own address (no `--public-url`, and a `Host` that is not a
    /// loopback address).
    pub fn absolute_url(&self, headers: &HeaderMap, path: &str) -> Option<String> {
        if let Some(public) = &self.public_url {
            return Some(format!("{}{path}", public.origin));
        }
        let host = headers.get(header::HOST)?.to_str().ok()?;
        is_loopback_host(host).then(|| {
            let scheme = if self.secure_cookies { "https" } else { "http" };
            format!("{scheme}://{host}{path}")
        })
    }
}

/// `localhost`, `127.0.0.1:8080`, `[::1]:8080` and the like.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split_once(']').map_or("", |(inside, _)| inside),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The scheme, host and port Heard is reached at, such as `https://heard.example.org`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    /// Without a trailing slash.
    origin: String,
}

impl std::str::FromStr for PublicUrl {
    type Err = String;

    /// An `http` or `https` URL with a host and nothing after it but an optional `/`: Heard
    /// serves from the root of its address.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let url = url::Url::parse(text).map_err(|e| format!("{text:?} is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{text:?} must start with https:// (or http://)"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("{text:?} has no host name"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "{text:?} must be only the scheme and host (and port), such as https://heard.example.org: Heard serves from the root of its address"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("{text:?} must not hold a user name or password"));
        }
        Ok(Self {
            origin: url.origin().ascii_serialization(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn host(h: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static(h));
        headers
    }

    #[test]
    fn the_public_url_is_an_origin_and_nothing_else() {
        let ok: PublicUrl = "https://heard.example.org/".parse().unwrap();
        assert_eq!(ok.origin, "https://heard.example.org");
        let port: PublicUrl = "http://Heard.Example.org:8443".parse().unwrap();
        assert_eq!(port.origin, "http://heard.example.org:8443");
        for bad in [
            "heard.example.org",
            "ftp://heard.example.org",
            "https://heard.example.org/heard",
            "https://heard.example.org/?x=1",
            "https://user:pw@heard.example.org",
            "https://",
        ] {
            assert!(bad.parse::<PublicUrl>().is_err(), "{bad}");
        }
    }

    #[test]
    fn without_a_public_url_only_a_loopback_host_is_trusted() {
        let config = WebConfig::default();
        assert_eq!(
            config.absolute_url(&host("127.0.0.1:8080"), "/calendar/x.ics"),
            Some("http://127.0.0.1:8080/calendar/x.ics".into())
        );
        assert_eq!(
            config.absolute_url(&host("localhost:8080"), "/a"),
            Some("http://localhost:8080/a".into())
        );
        assert_eq!(
            config.absolute_url(&host("[::1]:8080"), "/a"),
            Some("http://[::1]:8080/a".into())
        );
        for other in [
            "evil.example",
            "heard.example.org:443",
            "10.0.0.5:8080",
            "[::2]",
        ] {
            assert_eq!(config.absolute_url(&host(other), "/a"), None, "{other}");
        }
        let configured = WebConfig {
            public_url: Some("https://heard.example.org".parse().unwrap()),
            ..WebConfig::default()
        };
        assert_eq!(
            configured.absolute_url(&host("evil.example"), "/a"),
            Some("https://heard.example.org/a".into())
        );
    }
}
