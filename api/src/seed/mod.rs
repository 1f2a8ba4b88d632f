//! The demo network of `shared/DOMAIN.md` (fictional people only). Idempotent: running it
//! again completes what is missing and changes nothing else. Later modules add their data
//! here, each in its own function called from [`seed_demo`].

mod cycles;
mod families;
pub mod scale;
mod training;
mod workshop;

use diesel::{Connection, PgConnection};
use uuid::Uuid;

use crate::auth::roles::{OrgKind, Role};
use crate::auth::{password, Actor};
use crate::organisations::repo::{directory, members, partnerships as partnership_repo, sites};
use crate::organisations::routes::{organisations, partnerships};
use crate::platform::db::{run_in_context, with_org, Context};
use crate::platform::error::{ApiError, ApiResult};

/// The demo password of every demo account (demo mode only).
pub const DEMO_PASSWORD: &str = "solidaires-demo-2026";

struct DemoOrg {
    key: &'static str,
    kind: OrgKind,
    name: &'static str,
    short_name: &'static str,
    sites: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        key: "network",
        kind: OrgKind::Network,
        name: "Réseau Solidaires et Connectés",
        short_name: "Réseau",
        sites: &[],
    },
    DemoOrg {
        key: "amqr",
        kind: OrgKind::Structure,
        name: "AMQR — Maisons de quartier de Raismes",
        short_name: "AMQR",
        sites: &[
            (
                "Maison de quartier Sabatier",
                "12 rue Sabatier",
                "59590",
                "Raismes",
            ),
            (
                "Maison de quartier du Centre",
                "3 place Henri Durre",
                "59590",
                "Raismes",
            ),
        ],
    },
    DemoOrg {
        key: "acsrv",
        kind: OrgKind::Structure,
        name: "ACSRV — Centres sociaux du Valenciennois",
        short_name: "ACSRV",
        sites: &[
            (
                "Centre social Dutemple",
                "8 avenue de Reims",
                "59300",
                "Valenciennes",
            ),
            (
                "Centre social de la Briquette",
                "2 rue des Glycines",
                "59770",
                "Marly",
            ),
        ],
    },
    DemoOrg {
        key: "independent",
        kind: OrgKind::Structure,
        name: "Centre social indépendant",
        short_name: "CSI",
        sites: &[(
            "Centre social indépendant",
            "45 rue Jean Jaurès",
            "59970",
            "Fresnes-sur-Escaut",
        )],
    },
    DemoOrg {
        key: "ccas",
        kind: OrgKind::Referrer,
        name: "CCAS de Raismes",
        short_name: "CCAS",
        sites: &[],
    },
    DemoOrg {
        key: "landlord",
        kind: OrgKind::Referrer,
        name: "Bailleur social",
        short_name: "Bailleur",
        sites: &[],
    },
];

/// (email, name, organisation key, role); the superadmin has no organisation.
const ACCOUNTS: &[(&str, &str, &str, Role)] = &[
    (
        "coordination@reseau.test",
        "Nadia Coordination",
        "network",
        Role::Coordinator,
    ),
    ("admin@amqr.test", "Michel Lefebvre", "amqr", Role::Admin),
    (
        "animatrice@amqr.test",
        "Camille Martin",
        "amqr",
        Role::Staff,
    ),
    ("benevole@amqr.test", "Jean Dupont", "amqr", Role::Volunteer),
    ("admin@acsrv.test", "Sophie Leroy", "acsrv", Role::Admin),
    ("animateur@acsrv.test", "Karim Benali", "acsrv", Role::Staff),
    (
        "admin@centre-independant.test",
        "Isabelle Moreau",
        "independent",
        Role::Admin,
    ),
    ("agent@ccas.test", "Aurélie Petit", "ccas", Role::Referrer),
    (
        "agent@bailleur.test",
        "Thomas Girard",
        "landlord",
        Role::Referrer,
    ),
];

pub const SUPERADMIN_EMAIL: &str = "superadmin@solidaires.test";

/// (structure key, referrer key): who may refer to whom.
const PARTNERSHIPS: &[(&str, &str)] = &[
    ("amqr", "ccas"),
    ("amqr", "landlord"),
    ("acsrv", "landlord"),
    ("independent", "ccas"),
];

/// Organisation ids of the demo network, by key.
pub struct DemoIds(pub Vec<(&'static str, Uuid)>);

impl DemoIds {
    pub fn get(&self, key: &str) -> ApiResult<Uuid> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| *id)
            .ok_or_else(ApiError::internal)
    }
}

pub fn seed_demo(conn: &mut PgConnection) -> ApiResult<DemoIds> {
    let hash = password::hash(DEMO_PASSWORD)
        .map_err(|err| ApiError::internal_from("hashing the demo password", err))?;
    // One transaction: a seed interrupted half-way (a signal, a power cut) leaves nothing,
    // and the next start seeds again from an empty database.
    conn.transaction(|conn| {
        let ids = seed_organisations(conn)?;
        seed_accounts(conn, &ids, &hash)?;
        seed_sites_and_partnerships(conn, &ids)?;
        families::seed(conn, &ids)?;
        Ok(ids)
    })
}

fn seed_organisations(conn: &mut PgConnection) -> ApiResult<DemoIds> {
    run_in_context(conn, &Context::default(), |conn| {
        let mut ids = Vec::new();
        for org in ORGS {
            let id = match directory::find_by_name(conn, org.name)? {
                Some(id) => id,
                None => organisations::insert(conn, org.kind, org.name, org.short_name)?,
            };
            ids.push((org.key, id));
        }
        Ok(DemoIds(ids))
    })
}

fn seed_accounts(conn: &mut PgConnection, ids: &DemoIds, hash: &str) -> ApiResult<()> {
    let superadmin = ensure_user(conn, SUPERADMIN_EMAIL, "Admin Instance", hash)?;
    // As the owner: no request transaction may make a superadmin.
    crate::auth::make_superadmin(conn, superadmin.into())?;
    for (email, name, org_key, role) in ACCOUNTS {
        let user_id = ensure_user(conn, email, name, hash)?;
        let org_id = ids.get(org_key)?;
        let kind = ORGS
            .iter()
            .find(|o| o.key == *org_key)
            .map(|o| o.kind)
            .ok_or_else(ApiError::internal)?;
        ensure_membership(conn, org_id, kind, user_id, *role)?;
    }
    Ok(())
}

/// Creates the account unless the email exists; returns its id.
pub fn ensure_user(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    hash: &str,
) -> ApiResult<Uuid> {
    run_in_context(conn, &Context::default(), |conn| {
        crate::auth::ensure_user(conn, email, name, hash).map(Uuid::from)
    })
}

pub fn ensure_membership(
    conn: &mut PgConnection,
    org_id: Uuid,
    kind: OrgKind,
    user_id: Uuid,
    role: Role,
) -> ApiResult<()> {
    with_org(conn, org_id, Actor::system(), |conn| {
        members::add(conn, kind, user_id, role)
    })
}

fn seed_sites_and_partnerships(conn: &mut PgConnection, ids: &DemoIds) -> ApiResult<()> {
    for org in ORGS.iter().filter(|o| o.kind == OrgKind::Structure) {
        let org_id = ids.get(org.key)?;
        with_org(conn, org_id, Actor::system(), |conn| {
            for (name, address, postcode, city) in org.sites {
                if !sites::has_name(conn, name)? {
                    let site = sites::NewSite {
                        name: (*name).into(),
                        address: Some((*address).into()),
                        postcode: Some((*postcode).into()),
                        city: Some((*city).into()),
                    };
                    sites::insert(conn, &site)?;
                }
            }
            for (_, referrer) in PARTNERSHIPS.iter().filter(|(s, _)| *s == org.key) {
                let referrer_id = ids.get(referrer)?;
                if !partnership_repo::exists_with(conn, referrer_id)? {
                    partnerships::insert(conn, referrer_id)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}
