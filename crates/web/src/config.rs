use std::net::SocketAddr;

/// How the web server behaves. Every field has a working default; the binary fills them from
/// flags and `HEARD_*` variables.
#[derive(Debug, Clone)]
pub struct WebConfig {
    pub addr: SocketAddr,
    /// Mark cookies `Secure` with the `__Host-` prefix, and send HSTS. Turn on behind HTTPS.
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (its last entry). Only when a proxy you
    /// run sets it: otherwise anyone could pick their own address and dodge sign-in limits.
    pub trust_proxy_headers: bool,
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
            trust_proxy_headers: false,
            max_body_bytes: 1024 * 1024,
            content_dir: None,
        }
    }
}
