//! Organisation kinds, roles, and the role requirements handlers declare as types.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    clap::ValueEnum,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum OrgKind {
    /// A social centre or federation of centres: runs sites, cycles, the workshop.
    Structure,
    /// CCAS, social landlord: refers families and follows their journey.
    Referrer,
    /// The cooperation network: sees aggregated figures only.
    Network,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    clap::ValueEnum,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum Role {
    Admin,
    Staff,
    Volunteer,
    Viewer,
    Referrer,
    Coordinator,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Structure => "structure",
            Self::Referrer => "referrer",
            Self::Network => "network",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Structure, Self::Referrer, Self::Network]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The roles a member of this kind of organisation can hold.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Self::Structure => &[Role::Admin, Role::Staff, Role::Volunteer, Role::Viewer],
            Self::Referrer => &[Role::Admin, Role::Referrer],
            Self::Network => &[Role::Coordinator],
        }
    }
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Volunteer => "volunteer",
            Self::Viewer => "viewer",
            Self::Referrer => "referrer",
            Self::Coordinator => "coordinator",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Admin,
            Self::Staff,
            Self::Volunteer,
            Self::Viewer,
            Self::Referrer,
            Self::Coordinator,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

crate::sql_text!(OrgKind);
crate::sql_text!(Role);

/// What the caller is in the organisation named by the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Member(Role),
    /// The instance's superadmin, not a member of this organisation.
    Superadmin,
}

/// A role requirement, used as the type parameter of `OrgScope<R>`.
pub trait RoleRequirement {
    fn allows(kind: OrgKind, standing: Standing) -> bool;
}

macro_rules! requirement {
    ($(#[$doc:meta])* $name:ident, |$kind:ident, $standing:ident| $body:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;
        impl RoleRequirement for $name {
            fn allows($kind: OrgKind, $standing: Standing) -> bool {
                $body
            }
        }
    };
}

use Standing::{Member, Superadmin};

requirement!(
    /// Any member of the organisation, whatever their role.
    AnyMember, |_kind, standing| matches!(standing, Member(_))
);
requirement!(
    /// Any member, or the superadmin (organisation details).
    MemberOrSuperadmin, |_kind, _standing| true
);
requirement!(
    /// The organisation's admin (structure or referrer), or the superadmin.
    OrgAdmin,
    |kind, standing| matches!(
        (kind, standing),
        (OrgKind::Structure | OrgKind::Referrer, Member(Role::Admin) | Superadmin)
    )
);
requirement!(
    /// A structure's admin, or the superadmin (sites, partnerships).
    StructureAdmin,
    |kind, standing| kind == OrgKind::Structure && matches!(standing, Member(Role::Admin) | Superadmin)
);
requirement!(
    /// Any member of a structure (reading its sites).
    StructureMember,
    |kind, standing| kind == OrgKind::Structure && matches!(standing, Member(_))
);
requirement!(
    /// A structure's admin or staff: the people who handle families.
    Staff,
    |kind, standing| kind == OrgKind::Structure && matches!(standing, Member(Role::Admin | Role::Staff))
);
requirement!(
    /// A structure's admin, staff or volunteer: who may read the cycles' schedule.
    ScheduleReader,
    |kind, standing| kind == OrgKind::Structure
        && matches!(standing, Member(Role::Admin | Role::Staff | Role::Volunteer))
);
requirement!(
    /// A structure's admin, staff or volunteer: who does the workshop's steps (allocation to
    /// families stays with admins and staff).
    WorkshopHand,
    |kind, standing| kind == OrgKind::Structure
        && matches!(standing, Member(Role::Admin | Role::Staff | Role::Volunteer))
);
requirement!(
    /// A referrer organisation's member with the `referrer` role.
    Referrer,
    |kind, standing| kind == OrgKind::Referrer && matches!(standing, Member(Role::Referrer))
);
requirement!(
    /// Who may see an organisation's partnerships: its admins (structure side, or superadmin)
    /// and the members of a referrer organisation (the structures they can refer to).
    PartnershipReader,
    |kind, standing| match kind {
        OrgKind::Structure => matches!(standing, Member(Role::Admin | Role::Staff) | Superadmin),
        OrgKind::Referrer => matches!(standing, Member(_) | Superadmin),
        OrgKind::Network => false,
    }
);
requirement!(
    /// The two parties of a referral: a structure's admin or staff (the receiving side),
    /// or a referrer organisation's `referrer` (the sending side).
    ReferralParty,
    |kind, standing| matches!(
        (kind, standing),
        (OrgKind::Structure, Member(Role::Admin | Role::Staff)) | (OrgKind::Referrer, Member(Role::Referrer))
    )
);
requirement!(
    /// Who reads a structure's dashboard: its admin, staff and viewers.
    FiguresReader,
    |kind, standing| kind == OrgKind::Structure
        && matches!(standing, Member(Role::Admin | Role::Staff | Role::Viewer))
);
requirement!(
    /// Who reads an organisation's audit journal: its admins (structure or referrer). Not the
    /// superadmin: the journal says who read which family's file.
    JournalReader,
    |kind, standing| matches!(kind, OrgKind::Structure | OrgKind::Referrer)
        && matches!(standing, Member(Role::Admin))
);
requirement!(
    /// Who exercises a family's rights over its data (access export, erasure): a structure's
    /// admins, not the superadmin.
    PrivacyOfficer,
    |kind, standing| kind == OrgKind::Structure && matches!(standing, Member(Role::Admin))
);
requirement!(
    /// The network's coordinator: the only scope that opens the `network_tx` door.
    NetworkCoordinator,
    |kind, standing| kind == OrgKind::Network && matches!(standing, Member(Role::Coordinator))
);
