//! Who owns what: a user's id and role, the owner of records (with the key that opens them),
//! and the random tokens and digests the accounts, sessions and throttle share. Kept apart so
//! those modules depend on it and not on each other in a loop.

use std::fmt;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::sealing::DataKey;

/// A user's id. Random (v4) so ids say nothing about when or in what order people joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserId(pub(crate) Uuid);

impl UserId {
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Member,
    /// Runs the service: moderates shared experiences. Made with `heard user promote`.
    Operator,
}

impl Role {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Operator => "operator",
        }
    }

    pub(crate) fn parse(s: &str) -> Role {
        match s {
            "operator" => Role::Operator,
            _ => Role::Member,
        }
    }
}

/// The owner of records and the key that opens them. Only a signed-in session makes one.
#[derive(Clone)]
pub struct Owner {
    pub(crate) id: UserId,
    pub(crate) key: DataKey,
}

impl Owner {
    pub fn user_id(&self) -> UserId {
        self.id
    }
}

/// 256 random bits as 64 hex digits.
pub(crate) fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex(&bytes)
}

pub(crate) fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
