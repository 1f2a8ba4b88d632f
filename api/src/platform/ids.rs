//! Ids that cross modules, as their own types: a household id cannot be passed where a
//! referral id is expected. Each maps to SQL `uuid` both ways and to a plain UUID in JSON.

/// Declares an id newtype over a UUID.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            diesel::AsExpression,
            diesel::FromSqlRow,
        )]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7())
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(id: uuid::Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for uuid::Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Uuid, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <uuid::Uuid as diesel::serialize::ToSql<diesel::sql_types::Uuid, diesel::pg::Pg>>::to_sql(&self.0, out)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Uuid, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                <uuid::Uuid as diesel::deserialize::FromSql<diesel::sql_types::Uuid, diesel::pg::Pg>>::from_sql(bytes)
                    .map(Self)
            }
        }
    };
}

id_type!(
    /// An organisation: structure, referrer or the network.
    OrgId
);
id_type!(
    /// A person's account.
    UserId
);
id_type!(
    /// A household of a structure.
    HouseholdId
);
id_type!(
    /// A referral, held by the receiving structure.
    ReferralId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_plain_uuid_in_json() {
        let id = HouseholdId::generate();
        let json = serde_json::to_string(&id).unwrap_or_default();
        assert_eq!(json, format!("\"{}\"", id.0));
        let back: Result<HouseholdId, _> = serde_json::from_str(&json);
        assert_eq!(back.ok(), Some(id));
    }
}
