//! Sealing: every user record is encrypted with its owner's data key, and every data key is
//! stored only wrapped by the instance key.
//!
//! Cipher: XChaCha20-Poly1305 (random 192-bit nonces are safe at any volume we will see).
//! A sealed value is `FORMAT_V1 || nonce (24 bytes) || ciphertext || tag (16 bytes)`.
//! The associated data binds a sealed value to where it belongs (owner, id, kind for records;
//! user id for data keys), so bytes copied to another row or user fail to open.
//!
//! DO NOT CHANGE the layout of the associated data or the format byte's meaning: every record
//! ever written depends on them. A new layout needs a new format byte and code that reads both.
//! The tests at the bottom pin the format.

use std::fmt;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use uuid::Uuid;
use zeroize::{Zeroize, ZeroizeOnDrop};

const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;

/// Sealing errors say what failed, never what the data was.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed value is malformed")]
    Malformed,
    #[error("sealed value failed to open: wrong key, or moved from where it was sealed")]
    OpenFailed,
    #[error("sealing failed")]
    SealFailed,
    #[error("instance key file {path}: {reason}")]
    KeyFile { path: String, reason: String },
}

/// 32 secret bytes. Redacted in `Debug`, not serialisable, wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
struct SecretKey([u8; KEY_LEN]);

impl SecretKey {
    fn random() -> Self {
        let mut bytes = [0u8; KEY_LEN];
        rand::fill(&mut bytes);
        Self(bytes)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }
}

/// The key that wraps every user's data key. Lives in a file outside the database.
#[derive(Clone)]
pub struct InstanceKey(SecretKey);

/// One user's data key: seals that user's records.
#[derive(Clone)]
pub struct DataKey(SecretKey);

impl fmt::Debug for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InstanceKey(<redacted>)")
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

impl InstanceKey {
    pub fn random() -> Self {
        Self(SecretKey::random())
    }

    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(SecretKey(bytes))
    }

    /// Reads the key file at `path`, or creates it with a new random key (mode 0600) if there is
    /// no file there. The file holds the key as 64 hex digits.
    pub fn load_or_create(path: &Path) -> Result<Self, SealError> {
        let err = |reason: String| SealError::KeyFile {
            path: path.display().to_string(),
            reason,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut bytes = decode_hex(text.trim())
                    .ok_or_else(|| err("it does not hold a 64-digit hex key".into()))?;
                let key = Self::from_bytes(bytes);
                bytes.zeroize();
                Ok(key)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::random();
                let mut text = encode_hex(&key.0.0);
                text.push('\n');
                let written = write_new_private_file(path, text.as_bytes());
                text.zeroize();
                written.map_err(|e| err(e.to_string()))?;
                Ok(key)
            }
            Err(e) => Err(err(e.to_string())),
        }
    }

    /// Seals a data key for storage beside its user.
    pub fn wrap(&self, user_id: Uuid, key: &DataKey) -> Result<Vec<u8>, SealError> {
        seal(&self.0, &wrap_aad(user_id), &key.0.0)
    }

    pub fn unwrap(&self, user_id: Uuid, wrapped: &[u8]) -> Result<DataKey, SealError> {
        let mut plain = open(&self.0, &wrap_aad(user_id), wrapped)?;
        let bytes: [u8; KEY_LEN] = plain
            .as_slice()
            .try_into()
            .map_err(|_| SealError::Malformed)?;
        plain.zeroize();
        Ok(DataKey(SecretKey(bytes)))
    }

    /// A value sealed once per database, so start-up can tell whether this key is the one the
    /// database was created with.
    pub fn key_check(&self) -> Result<Vec<u8>, SealError> {
        seal(&self.0, KEY_CHECK_AAD, KEY_CHECK_TEXT)
    }

    pub fn matches_key_check(&self, sealed: &[u8]) -> bool {
        open(&self.0, KEY_CHECK_AAD, sealed).is_ok_and(|plain| plain == KEY_CHECK_TEXT)
    }
}

impl InstanceKey {
    /// A keyed hash of `data` for one `purpose`, as hex: the same input always gives the same
    /// value under this key, so it can be counted or looked up, but a copy of the database
    /// without the key file cannot tell what was hashed (a username, a client address).
    pub fn keyed_hash(&self, purpose: &str, data: &[u8]) -> String {
        encode_hex(&keyed_hash(&self.0, purpose, data))
    }
}

const KEY_CHECK_AAD: &[u8] = b"heard:key-check:v1";
const KEY_CHECK_TEXT: &[u8] = b"heard instance key check";

impl DataKey {
    pub fn random() -> Self {
        Self(SecretKey::random())
    }

    pub fn seal_record(
        &self,
        at: &RecordAddress<'_>,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, SealError> {
        seal(&self.0, &at.associated_data(), plaintext)
    }

    pub fn open_record(&self, at: &RecordAddress<'_>, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        open(&self.0, &at.associated_data(), sealed)
    }

    /// A tag only this key can make for `data` (for one `purpose`): lets the key's owner
    /// recognise something of theirs that is stored without their name (a shared experience),
    /// while to anyone else it is 32 random-looking bytes.
    pub fn tag(&self, purpose: &str, data: &[u8]) -> [u8; 32] {
        keyed_hash(&self.0, purpose, data)
    }
}

/// DO NOT CHANGE for an existing purpose: keyed BLAKE2b over `purpose length (2 bytes,
/// big-endian) || purpose || data`, cut to 32 bytes. Stored tags depend on it.
fn keyed_hash(key: &SecretKey, purpose: &str, data: &[u8]) -> [u8; 32] {
    use blake2::Blake2bMac512;
    use blake2::digest::{KeyInit, Mac};
    let mut out = [0u8; 32];
    // A 32-byte key is always a valid BLAKE2b key; the fallback is never taken.
    let Ok(mut mac) = <Blake2bMac512 as KeyInit>::new_from_slice(&key.0) else {
        return out;
    };
    let purpose = purpose.as_bytes();
    mac.update(
        &u16::try_from(purpose.len())
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    mac.update(purpose);
    mac.update(data);
    out.copy_from_slice(&mac.finalize().into_bytes()[..32]);
    out
}

/// Where a record lives. Bound to its sealed bytes as associated data.
#[derive(Debug, Clone, Copy)]
pub struct RecordAddress<'a> {
    pub owner: Uuid,
    pub id: Uuid,
    pub kind: &'a str,
}

impl RecordAddress<'_> {
    /// DO NOT CHANGE: `"heard:record:v1" || owner (16 bytes) || id (16 bytes) || kind length
    /// (2 bytes, big-endian) || kind (UTF-8)`.
    fn associated_data(&self) -> Vec<u8> {
        let kind = self.kind.as_bytes();
        let mut ad = Vec::with_capacity(15 + 32 + 2 + kind.len());
        ad.extend_from_slice(b"heard:record:v1");
        ad.extend_from_slice(self.owner.as_bytes());
        ad.extend_from_slice(self.id.as_bytes());
        ad.extend_from_slice(&u16::try_from(kind.len()).unwrap_or(u16::MAX).to_be_bytes());
        ad.extend_from_slice(kind);
        ad
    }
}

/// DO NOT CHANGE: `"heard:data-key:v1" || user id (16 bytes)`.
fn wrap_aad(user_id: Uuid) -> Vec<u8> {
    let mut ad = Vec::with_capacity(17 + 16);
    ad.extend_from_slice(b"heard:data-key:v1");
    ad.extend_from_slice(user_id.as_bytes());
    ad
}

fn seal(key: &SecretKey, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::fill(&mut nonce);
    seal_with_nonce(key, &nonce, aad, plaintext)
}

fn seal_with_nonce(
    key: &SecretKey,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, SealError> {
    let nonce = XNonce::from(*nonce);
    let ciphertext = key
        .cipher()
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| SealError::SealFailed)?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
    out.push(FORMAT_V1);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

fn open(key: &SecretKey, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, SealError> {
    if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != FORMAT_V1 {
        return Err(SealError::Malformed);
    }
    let nonce: [u8; NONCE_LEN] = sealed[1..1 + NONCE_LEN]
        .try_into()
        .map_err(|_| SealError::Malformed)?;
    key.cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &sealed[1 + NONCE_LEN..],
                aad,
            },
        )
        .map_err(|_| SealError::OpenFailed)
}

fn write_new_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    s
}

fn decode_hex(text: &str) -> Option<[u8; KEY_LEN]> {
    let digits = text.as_bytes();
    if digits.len() != KEY_LEN * 2 {
        return None;
    }
    let value = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; KEY_LEN];
    for (i, pair) in digits.chunks_exact(2).enumerate() {
        out[i] = (value(pair[0])? << 4) | value(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(owner: u128, id: u128, kind: &str) -> RecordAddress<'_> {
        RecordAddress {
            owner: Uuid::from_u128(owner),
            id: Uuid::from_u128(id),
            kind,
        }
    }

    #[test]
    fn a_record_opens_only_where_it_was_sealed() {
        let key = DataKey::random();
        let sealed = key.seal_record(&address(1, 2, "note"), b"secret").unwrap();
        assert_eq!(
            key.open_record(&address(1, 2, "note"), &sealed).unwrap(),
            b"secret"
        );
        for wrong in [
            address(9, 2, "note"),
            address(1, 9, "note"),
            address(1, 2, "letter"),
        ] {
            assert!(matches!(
                key.open_record(&wrong, &sealed),
                Err(SealError::OpenFailed)
            ));
        }
        assert!(
            DataKey::random()
                .open_record(&address(1, 2, "note"), &sealed)
                .is_err()
        );
    }

    #[test]
    fn tampered_or_short_values_fail_to_open() {
        let key = DataKey::random();
        let at = address(1, 2, "note");
        let mut sealed = key.seal_record(&at, b"secret").unwrap();
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(matches!(
            key.open_record(&at, &sealed),
            Err(SealError::OpenFailed)
        ));
        assert!(matches!(
            key.open_record(&at, &sealed[..20]),
            Err(SealError::Malformed)
        ));
        let mut wrong_format = key.seal_record(&at, b"secret").unwrap();
        wrong_format[0] = 2;
        assert!(matches!(
            key.open_record(&at, &wrong_format),
            Err(SealError::Malformed)
        ));
    }

    #[test]
    fn the_same_text_seals_differently_each_time() {
        let key = DataKey::random();
        let at = address(1, 2, "note");
        assert_ne!(
            key.seal_record(&at, b"same").unwrap(),
            key.seal_record(&at, b"same").unwrap()
        );
    }

    #[test]
    fn data_keys_unwrap_only_for_their_user() {
        let instance = InstanceKey::random();
        let data = DataKey::random();
        let user = Uuid::from_u128(7);
        let wrapped = instance.wrap(user, &data).unwrap();
        let back = instance.unwrap(user, &wrapped).unwrap();
        assert_eq!(back.0.0, data.0.0);
        assert!(instance.unwrap(Uuid::from_u128(8), &wrapped).is_err());
        assert!(InstanceKey::random().unwrap(user, &wrapped).is_err());
    }

    #[test]
    fn keys_never_show_in_debug_output() {
        let key = InstanceKey::from_bytes([0xab; 32]);
        assert_eq!(format!("{key:?}"), "InstanceKey(<redacted>)");
        assert!(!format!("{:?}", DataKey(SecretKey([0xab; 32]))).contains("ab"));
    }

    /// Pins the format: these bytes were sealed by this code. If this test fails, records already
    /// written would no longer open. Do not "fix" the expected value; fix the code.
    #[test]
    fn the_v1_format_is_pinned() {
        let key = SecretKey([0x42; 32]);
        let at = address(0x1111, 0x2222, "note");
        let sealed = seal_with_nonce(&key, &[0x07; 24], &at.associated_data(), b"hello").unwrap();
        assert_eq!(encode_hex(&sealed), PINNED_V1, "the sealed format changed");
        let data = DataKey(key);
        let pinned = (0..PINNED_V1.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&PINNED_V1[i..i + 2], 16).unwrap())
            .collect::<Vec<_>>();
        assert_eq!(data.open_record(&at, &pinned).unwrap(), b"hello");
    }

    #[test]
    fn tags_and_keyed_hashes_depend_on_key_purpose_and_data() {
        let key = DataKey(SecretKey([0x42; 32]));
        let a = key.tag("experience", b"one");
        assert_eq!(
            a,
            key.tag("experience", b"one"),
            "the same input, the same tag"
        );
        assert_ne!(a, key.tag("experience", b"two"));
        assert_ne!(
            a,
            key.tag("experienc", b"eone"),
            "the purpose is length-prefixed"
        );
        assert_ne!(a, DataKey(SecretKey([0x43; 32])).tag("experience", b"one"));
        // Pinned: stored tags must keep matching.
        assert_eq!(
            encode_hex(&a),
            PINNED_TAG,
            "the tag function changed: stored tags would no longer match"
        );
        let instance = InstanceKey::from_bytes([0x42; 32]);
        assert_eq!(instance.keyed_hash("experience", b"one"), PINNED_TAG);
        assert_ne!(
            InstanceKey::random().keyed_hash("experience", b"one"),
            PINNED_TAG
        );
    }

    const PINNED_TAG: &str = "0ace74e10ccce947c7aeed368a95d415b17e70975738b37150fa47d9bda23095";

    const PINNED_V1: &str = "010707070707070707070707070707070707070707070707079f69e9040cbf26d8d11102a38994df6308cdfe29d0";

    #[test]
    fn key_file_is_created_private_and_read_back() {
        let dir = std::env::temp_dir().join(format!("heard-key-{}", Uuid::new_v4()));
        let path = dir.join("instance.key");
        let first = InstanceKey::load_or_create(&path).unwrap();
        let again = InstanceKey::load_or_create(&path).unwrap();
        assert_eq!(first.0.0, again.0.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(matches!(
            InstanceKey::load_or_create(&path),
            Err(SealError::KeyFile { .. })
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn key_check_tells_keys_apart() {
        let key = InstanceKey::random();
        let check = key.key_check().unwrap();
        assert!(key.matches_key_check(&check));
        assert!(!InstanceKey::random().matches_key_check(&check));
    }
}
