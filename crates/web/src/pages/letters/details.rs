//! What a person tells Heard once (name, address, numbers) and every letter reuses.

use heard_core::letter::{LetterDraft, MyDetails};
use heard_store::{StoreError, Stored};

use super::details_id;
use crate::error::AppError;
use crate::state::AppState;
use crate::visitor::CurrentUser;

pub(super) async fn my_details(
    state: &AppState,
    user: &CurrentUser,
) -> Result<Option<Stored<MyDetails>>, AppError> {
    match state
        .store
        .get::<MyDetails>(&user.user.owner, details_id(user))
        .await
    {
        Ok(d) => Ok(Some(d)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Keeps the sender's details for the next letter (the newest always wins: they are the
/// person's own, typed moments ago).
pub(super) async fn remember_details(
    state: &AppState,
    user: &CurrentUser,
    d: &LetterDraft,
) -> Result<(), AppError> {
    let details = MyDetails {
        name: d.sender.name.clone(),
        address: d.sender.address.clone(),
        email: d.sender.email.clone(),
        hospital_number: d.hospital_number.clone(),
        nhs_number: d.nhs_number.clone(),
    };
    let now = state.clock.now();
    match my_details(state, user).await? {
        Some(current) if current.value == details => Ok(()),
        Some(current) => match state
            .store
            .update(&user.user.owner, current.id, current.version, details, now)
            .await
        {
            Ok(_) | Err(StoreError::Conflict { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        },
        None => {
            state
                .store
                .insert_with_id(&user.user.owner, details_id(user), details, now)
                .await?;
            Ok(())
        }
    }
}
