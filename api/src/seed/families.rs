//! Demo households and referrals: referrals from both referrers in every state, households
//! with members, and a likely duplicate (the same mother referred by the CCAS and by the
//! social landlord, her phone written two ways). Seeded once per structure.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::DemoIds;
use crate::auth::{Actor, ActorRole};
use crate::households::domain::{
    ContactChannel, HouseholdStatus, MemberInput, MemberRole, Need, SchoolLevel,
};
use crate::households::repo::HouseholdData;
use crate::platform::db::{run_in_context, with_org, Context, TenantConn};
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::ids::{HouseholdId, ReferralId};
use crate::referrals::domain::{self, DeclineReason, ReferralStatus};
use crate::referrals::repo::{self as repo, NewEvent, TransitionChanges};
use crate::referrals::routes::create::{insert as insert_referral, ConsentInput, CreateReferral};
use crate::referrals::routes::transitions::household_from;

fn member(
    first: &str,
    last: &str,
    year: i32,
    role: MemberRole,
    school: Option<SchoolLevel>,
) -> MemberInput {
    MemberInput {
        id: None,
        first_name: first.into(),
        last_name: last.into(),
        birth_year: Some(year),
        role,
        school_level: school,
    }
}

fn child(first: &str, last: &str, year: i32, school: SchoolLevel) -> MemberInput {
    member(first, last, year, MemberRole::Child, Some(school))
}

/// A referral as a referrer would send it.
fn family(
    first: &str,
    last: &str,
    year: i32,
    phone: &str,
    commune: &str,
    members: Vec<MemberInput>,
    needs: &[Need],
) -> CreateReferral {
    CreateReferral {
        structure_id: None,
        site_id: None,
        first_name: first.into(),
        last_name: last.into(),
        birth_year: Some(year),
        phone: Some(phone.into()),
        email: None,
        preferred_contact: ContactChannel::Phone,
        address: None,
        postcode: None,
        commune: Some(commune.into()),
        neighbourhood: None,
        members,
        needs: needs.to_vec(),
        needs_other: None,
        languages: vec!["français".into()],
        reason: Some("Démarches en ligne difficiles, pas d'ordinateur à la maison.".into()),
        message: None,
        consent: Some(ConsentInput {
            given_on: Utc::now().date_naive() - Duration::days(2),
            text_version: crate::referrals::consent::CURRENT_VERSION.into(),
        }),
        share_progress: Some(true),
    }
}

fn user_id(conn: &mut PgConnection, email: &str) -> ApiResult<Uuid> {
    run_in_context(conn, &Context::default(), |conn| {
        crate::auth::find_user_by_email(conn, email)?
            .map(Uuid::from)
            .ok_or_else(ApiError::not_found)
    })
}

struct Seeder {
    structure: Uuid,
    staff: Actor,
}

impl Seeder {
    /// Files a referral `days_ago` days ago, then walks it through `path`, a day apart.
    #[allow(clippy::too_many_arguments)]
    fn referral(
        &self,
        conn: &mut TenantConn<'_>,
        mut body: CreateReferral,
        referrer: Option<(Uuid, Uuid)>,
        days_ago: i64,
        path: &[(ReferralStatus, TransitionChanges)],
    ) -> ApiResult<ReferralId> {
        let submitted_at: DateTime<Utc> = Utc::now() - Duration::days(days_ago);
        if referrer.is_none() {
            body.consent = None;
            body.share_progress = None;
        }
        let (referrer_org, sender) =
            referrer.unwrap_or((self.structure, self.staff.user_id.unwrap_or_default()));
        let id = insert_referral(
            conn,
            &body,
            self.structure,
            referrer.map(|(org, _)| org),
            sender,
        )?
        .id;
        let mut row = repo::backdate(conn, id, submitted_at)?;
        let sender_actor = Actor {
            user_id: Some(sender),
            org_id: Some(referrer_org),
            role: if referrer.is_some() {
                ActorRole::Referrer
            } else {
                ActorRole::Staff
            },
        };
        repo::record_event(
            conn,
            &row,
            NewEvent {
                from: None,
                to: ReferralStatus::Submitted,
                actor: &sender_actor,
                reason: None,
                message: body.message.as_deref(),
                at: submitted_at,
            },
        )?;
        for (step, (to, changes)) in path.iter().enumerate() {
            let at = submitted_at + Duration::days(step as i64 + 1);
            let (actor, reason) = match to {
                ReferralStatus::Expired => (Actor::system(), Some("no_answer".to_owned())),
                ReferralStatus::Declined => (
                    self.staff,
                    changes.decline_reason.map(|d| d.as_str().to_owned()),
                ),
                _ => (self.staff, None),
            };
            let mut changes = changes.clone();
            if *to == ReferralStatus::Accepted && changes.household_id.is_none() {
                let (household, person) = household_from(conn, &row)?;
                changes.household_id = Some(household);
                changes.member_id = Some(person);
            }
            let allowed = match to {
                ReferralStatus::Expired => domain::check_expiry(row.status),
                _ => domain::check_transition(row.status, *to),
            }?;
            row = crate::referrals::transition_as(
                conn,
                &actor,
                &row,
                allowed,
                &changes,
                reason.as_deref(),
                None,
                at,
            )?;
        }
        Ok(id)
    }
}

pub(super) fn household(
    conn: &mut TenantConn<'_>,
    phone: &str,
    commune: &str,
    members: Vec<MemberInput>,
) -> ApiResult<HouseholdId> {
    let data = HouseholdData {
        commune: Some(commune.into()),
        neighbourhood: None,
        address: None,
        postcode: None,
        preferred_contact: ContactChannel::Phone,
        phone: crate::platform::validate::normalise_phone(phone),
        email: None,
        needs: vec![Need::NoComputer, Need::SchoolFollowUp],
        needs_other: None,
        languages: vec!["français".into()],
        notes: Some("Disponible les mardis après-midi.".into()),
        status: HouseholdStatus::Active,
    };
    Ok(crate::households::create(conn, &data, &members)?.id)
}

fn accepted(household: Option<HouseholdId>) -> (ReferralStatus, TransitionChanges) {
    (
        ReferralStatus::Accepted,
        TransitionChanges {
            household_id: household,
            ..Default::default()
        },
    )
}

fn plain(status: ReferralStatus) -> (ReferralStatus, TransitionChanges) {
    (status, TransitionChanges::default())
}

pub fn seed(conn: &mut PgConnection, ids: &DemoIds) -> ApiResult<()> {
    let (amqr, acsrv, csi) = (ids.get("amqr")?, ids.get("acsrv")?, ids.get("independent")?);
    let (ccas, landlord) = (ids.get("ccas")?, ids.get("landlord")?);
    let ccas_agent = (ccas, user_id(conn, "agent@ccas.test")?);
    let landlord_agent = (landlord, user_id(conn, "agent@bailleur.test")?);
    let amqr_staff = user_id(conn, "animatrice@amqr.test")?;
    let amqr_volunteer = user_id(conn, "benevole@amqr.test")?;
    let acsrv_staff = user_id(conn, "animateur@acsrv.test")?;
    let csi_admin = user_id(conn, "admin@centre-independant.test")?;

    with_org(conn, amqr, staff_actor(amqr_staff, amqr), |conn| {
        if already_seeded(conn)? {
            return Ok(());
        }
        let s = Seeder {
            structure: amqr,
            staff: staff_actor(amqr_staff, amqr),
        };
        let benali = household(
            conn,
            "06 11 22 33 44",
            "Raismes",
            vec![
                member("Fatima", "Benali", 1985, MemberRole::Reference, None),
                child("Yanis", "Benali", 2012, SchoolLevel::College),
                child("Inès", "Benali", 2016, SchoolLevel::Primaire),
            ],
        )?;
        let vasseur = household(
            conn,
            "07 81 92 03 14",
            "Raismes",
            vec![member(
                "Odile",
                "Vasseur",
                1958,
                MemberRole::Reference,
                None,
            )],
        )?;
        let lemaire = household(
            conn,
            "06 55 44 33 22",
            "Raismes",
            vec![
                member("Kévin", "Lemaire", 1979, MemberRole::Reference, None),
                member("Sandrine", "Lemaire", 1981, MemberRole::Adult, None),
                child("Lola", "Lemaire", 2010, SchoolLevel::Lycee),
            ],
        )?;
        // The likely duplicate: the same mother, sent by both referrers, phone written two ways.
        s.referral(
            conn,
            family(
                "Samira",
                "Haddad",
                1988,
                "06 12 34 56 78",
                "Raismes",
                vec![child("Adam", "Haddad", 2014, SchoolLevel::College)],
                &[Need::NoComputer, Need::SchoolFollowUp],
            ),
            Some(ccas_agent),
            3,
            &[],
        )?;
        s.referral(
            conn,
            family(
                "Samira",
                "HADDAD",
                1988,
                "+33612345678",
                "Raismes",
                vec![],
                &[Need::OnlineAdmin],
            ),
            Some(landlord_agent),
            1,
            &[],
        )?;
        s.referral(
            conn,
            family(
                "Jacques",
                "Delattre",
                1950,
                "03 27 11 22 33",
                "Raismes",
                vec![],
                &[Need::OnlineAdmin],
            ),
            Some(ccas_agent),
            12,
            &[],
        )?;
        s.referral(
            conn,
            family(
                "Jordan",
                "Petit",
                1995,
                "06 98 76 54 32",
                "Raismes",
                vec![],
                &[Need::NoComputer],
            ),
            Some(ccas_agent),
            9,
            &[accepted(None)],
        )?;
        s.referral(
            conn,
            family(
                "Nadia",
                "Kaci",
                1990,
                "06 10 20 30 40",
                "Bruay-sur-l'Escaut",
                vec![],
                &[Need::NoInternet],
            ),
            Some(ccas_agent),
            15,
            &[(
                ReferralStatus::Declined,
                TransitionChanges {
                    decline_reason: Some(DeclineReason::OutsideArea),
                    ..Default::default()
                },
            )],
        )?;
        s.referral(
            conn,
            family(
                "Rémi",
                "Caron",
                1972,
                "06 21 43 65 87",
                "Raismes",
                vec![],
                &[Need::OnlineAdmin],
            ),
            Some(landlord_agent),
            8,
            &[plain(ReferralStatus::Waitlisted)],
        )?;
        let fatima = s.referral(
            conn,
            family(
                "Fatima",
                "Benali",
                1985,
                "06 11 22 33 44",
                "Raismes",
                vec![],
                &[Need::NoComputer, Need::SchoolFollowUp],
            ),
            Some(ccas_agent),
            30,
            &[accepted(Some(benali))],
        )?;
        let lucie = s.referral(
            conn,
            family(
                "Lucie",
                "Vandamme",
                1983,
                "06 31 41 51 61",
                "Raismes",
                vec![child("Théo", "Vandamme", 2011, SchoolLevel::College)],
                &[Need::NoComputer],
            ),
            Some(landlord_agent),
            95,
            &[accepted(None)],
        )?;
        let mehdi = s.referral(
            conn,
            family(
                "Mehdi",
                "Saïdi",
                1999,
                "06 71 81 91 01",
                "Raismes",
                vec![],
                &[Need::NoComputer],
            ),
            Some(ccas_agent),
            95,
            &[accepted(None)],
        )?;
        s.referral(
            conn,
            family(
                "Jacqueline",
                "Roussel",
                1949,
                "03 27 44 55 66",
                "Raismes",
                vec![],
                &[Need::OnlineAdmin],
            ),
            Some(landlord_agent),
            40,
            &[plain(ReferralStatus::Expired)],
        )?;
        let odile = s.referral(
            conn,
            family(
                "Odile",
                "Vasseur",
                1958,
                "07 81 92 03 14",
                "Raismes",
                vec![],
                &[Need::OnlineAdmin],
            ),
            None,
            28,
            &[accepted(Some(vasseur))],
        )?;
        let outcome = super::cycles::seed_amqr(
            conn,
            &super::cycles::AmqrFamilies {
                lucie,
                mehdi,
                fatima,
                odile,
                lemaire,
            },
        )?;
        super::training::seed_amqr(conn, amqr_staff, amqr_volunteer, acsrv)?;
        super::workshop::seed_amqr(conn, amqr_volunteer, &outcome)?;
        Ok(())
    })?;

    with_org(conn, acsrv, staff_actor(acsrv_staff, acsrv), |conn| {
        if already_seeded(conn)? {
            return Ok(());
        }
        let s = Seeder {
            structure: acsrv,
            staff: staff_actor(acsrv_staff, acsrv),
        };
        super::cycles::seed_acsrv(conn)?;
        super::training::seed_acsrv(conn, acsrv_staff)?;
        s.referral(
            conn,
            family(
                "Karima",
                "Bouzid",
                1980,
                "06 44 55 66 77",
                "Valenciennes",
                vec![],
                &[Need::NoComputer],
            ),
            Some(landlord_agent),
            2,
            &[],
        )?;
        s.referral(
            conn,
            family(
                "Gérard",
                "Lefort",
                1955,
                "06 88 77 66 55",
                "Marly",
                vec![],
                &[Need::OnlineAdmin],
            ),
            Some(landlord_agent),
            10,
            &[accepted(None)],
        )?;
        Ok(())
    })?;

    with_org(
        conn,
        csi,
        Actor {
            user_id: Some(csi_admin),
            org_id: Some(csi),
            role: ActorRole::Admin,
        },
        |conn| {
            if already_seeded(conn)? {
                return Ok(());
            }
            let s = Seeder {
                structure: csi,
                staff: Actor {
                    user_id: Some(csi_admin),
                    org_id: Some(csi),
                    role: ActorRole::Admin,
                },
            };
            s.referral(
                conn,
                family(
                    "Sébastien",
                    "Moreau",
                    1987,
                    "06 99 88 77 66",
                    "Fresnes-sur-Escaut",
                    vec![],
                    &[Need::NoInternet],
                ),
                Some(ccas_agent),
                4,
                &[],
            )?;
            Ok(())
        },
    )?;

    // The AMQR takes its guests' attendance once the ACSRV has put them in its course.
    with_org(
        conn,
        amqr,
        staff_actor(amqr_staff, amqr),
        super::training::seed_shared_attendance,
    )
}

fn staff_actor(user: Uuid, org: Uuid) -> Actor {
    Actor {
        user_id: Some(user),
        org_id: Some(org),
        role: ActorRole::Staff,
    }
}

fn already_seeded(conn: &mut TenantConn<'_>) -> ApiResult<bool> {
    repo::any(conn)
}
