//! Closed vocabularies stored as text columns (with a CHECK in SQL): one enum per list,
//! with its database spelling. The same snake_case spelling is used in JSON.

/// Declares an enum whose variants map to fixed strings, with `as_str`, `parse` and `ALL`.
#[macro_export]
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

text_enum!(
    /// How the family prefers to be contacted.
    ContactChannel {
        Phone = "phone",
        Sms = "sms",
        Email = "email",
        Letter = "letter",
        /// The family asked not to be contacted.
        DoNotContact = "do_not_contact",
    }
);

text_enum!(
    /// What the family needs.
    Need {
        NoComputer = "no_computer",
        NoInternet = "no_internet",
        OnlineAdmin = "online_admin",
        SchoolFollowUp = "school_follow_up",
        Other = "other",
    }
);

text_enum!(
    /// A member's place in the household.
    MemberRole {
        /// The person the centre deals with (exactly one per household).
        Reference = "reference",
        Adult = "adult",
        Child = "child",
        Other = "other",
    }
);

text_enum!(
    /// A child's school level (for ENT / Pronote).
    SchoolLevel {
        Maternelle = "maternelle",
        Primaire = "primaire",
        College = "college",
        Lycee = "lycee",
        Superieur = "superieur",
        Autre = "autre",
    }
);

text_enum!(
    HouseholdStatus {
        Active = "active",
        Archived = "archived",
    }
);

pub fn strings<T: Copy>(items: &[T], as_str: fn(T) -> &'static str) -> Vec<String> {
    items.iter().map(|i| as_str(*i).to_owned()).collect()
}
