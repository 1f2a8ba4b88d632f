//! The workshop's share of data protection: a family's reservations and handovers. The
//! devices keep their history; anonymising empties the notes and the signatory's name.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::{json_rows, TenantConn};
use crate::platform::error::ApiResult;
use crate::privacy::Section;
use crate::schema::{handovers as ho, reservations as re};

pub fn personal_data(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<Vec<Section>> {
    Ok(vec![
        Section::new(
            "reservations",
            json_rows(
                conn,
                "SELECT to_jsonb(r) || jsonb_build_object('asset_tag', d.asset_tag) AS row \
                   FROM reservations r JOIN devices d ON d.organisation_id = r.organisation_id AND d.id = r.device_id \
                  WHERE r.organisation_id = $1 AND r.household_id = $2 ORDER BY r.reserved_at",
                household,
            )?,
        ),
        Section::new(
            "handovers",
            json_rows(
                conn,
                "SELECT to_jsonb(h) || jsonb_build_object('asset_tag', d.asset_tag) AS row \
                   FROM handovers h JOIN devices d ON d.organisation_id = h.organisation_id AND d.id = h.device_id \
                  WHERE h.organisation_id = $1 AND h.household_id = $2 ORDER BY h.handed_on",
                household,
            )?,
        ),
    ])
}

pub fn anonymise(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::update(
        re::table
            .filter(re::organisation_id.eq(org_id))
            .filter(re::household_id.eq(household)),
    )
    .set(re::note.eq(None::<String>))
    .execute(conn.conn())?;
    diesel::update(
        ho::table
            .filter(ho::organisation_id.eq(org_id))
            .filter(ho::household_id.eq(household)),
    )
    .set((
        ho::recipient_name.eq(crate::households::repo::anonymous_name()),
        ho::return_note.eq(None::<String>),
    ))
    .execute(conn.conn())?;
    Ok(())
}

/// Of some households, those that reserved, received or gave back a computer since `since`.
pub fn contacted_since(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
    since: DateTime<Utc>,
) -> ApiResult<Vec<Uuid>> {
    let org_id = conn.org_id();
    let mut found: Vec<Uuid> = ho::table
        .filter(ho::organisation_id.eq(org_id))
        .filter(ho::household_id.eq_any(households))
        .filter(
            ho::created_at
                .ge(since)
                .or(ho::returned_at.ge(since))
                .or(ho::handed_on.ge(since.date_naive())),
        )
        .select(ho::household_id)
        .distinct()
        .load(conn.conn())?;
    found.extend(
        re::table
            .filter(re::organisation_id.eq(org_id))
            .filter(re::household_id.eq_any(households))
            .filter(re::reserved_at.ge(since))
            .select(re::household_id)
            .distinct()
            .load::<Uuid>(conn.conn())?,
    );
    Ok(found)
}
