//! Organisations an operator imported into the directory. Public information, stored in the
//! clear. An import replaces the previous one in a single transaction: all or nothing.

use std::str::FromStr;

use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::directory::{Organisation, OrganisationKind};
use sqlx::Row;
use uuid::Uuid;

use crate::{Store, StoreError, Timestamp, millis};

impl Store {
    /// Replaces every imported organisation with these. Nothing changes if anything fails.
    pub async fn replace_directory(
        &self,
        organisations: &[Organisation],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM organisations")
            .execute(&mut *tx)
            .await?;
        for o in organisations {
            sqlx::query(
                "INSERT INTO organisations (id, name, kind, nation, area, phone, email, website, \
                 address, last_checked, imported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(Uuid::now_v7().to_string())
            .bind(&o.name)
            .bind(o.kind.id())
            .bind(o.nation.id())
            .bind(&o.area)
            .bind(&o.phone)
            .bind(&o.email)
            .bind(&o.website)
            .bind(&o.address)
            .bind(&o.last_checked)
            .bind(millis(now))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every imported organisation, by name. With a few thousand rows at most, searching is
    /// done by the caller on this list.
    pub async fn imported_directory(&self) -> Result<Vec<(Uuid, Organisation)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, kind, nation, area, phone, email, website, address, last_checked \
             FROM organisations ORDER BY name, id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let text =
                    |column: &str| -> Result<String, StoreError> { Ok(row.try_get(column)?) };
                let corrupt = |what: &str| StoreError::Corrupt(format!("organisation {what}"));
                let id = Uuid::from_str(&text("id")?).map_err(|_| corrupt("id"))?;
                Ok((
                    id,
                    Organisation {
                        name: text("name")?,
                        kind: OrganisationKind::from_id(&text("kind")?)
                            .ok_or_else(|| corrupt("kind"))?,
                        nation: Nation::from_id(&text("nation")?)
                            .ok_or_else(|| corrupt("nation"))?,
                        area: text("area")?,
                        phone: text("phone")?,
                        email: text("email")?,
                        website: text("website")?,
                        address: text("address")?,
                        last_checked: text("last_checked")?,
                    },
                ))
            })
            .collect()
    }
}
