//! The scale network's workshops: per structure two donors, ten lots and
//! `devices_per_structure` machines (ten times more in the large structure) spread over
//! every state as a working workshop would have them, each with its disk, its erasure and
//! certificate, its system, its check, its moves, and for those given, the household's
//! reservation and handover.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::platform::error::ApiResult;
use crate::seed::scale::Size;

/// Whether the scale network has its workshops (networks generated before them do not).
pub fn has_devices(conn: &mut PgConnection) -> ApiResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(
        "SELECT count(*) AS n FROM devices d JOIN organisations o ON o.id = d.organisation_id \
         WHERE o.name LIKE '% (échelle)'",
    )
    .get_result(conn)?;
    Ok(found.n > 0)
}

pub fn generate_devices(conn: &mut PgConnection, size: &Size) -> ApiResult<()> {
    conn.transaction(|conn| {
        conn.batch_execute(&script(size))?;
        Ok(())
    })
}

/// The states in the proportions of a workshop that has run for a while (out of 20).
const STATES: &str = "ARRAY['received', 'received', 'diagnosed', 'diagnosed', 'erased', 'erased', \
     'os_installed', 'os_installed', 'ready', 'ready', 'ready', 'reserved', 'handed_over', \
     'handed_over', 'handed_over', 'handed_over', 'handed_over', 'handed_over', 'returned', 'scrapped']";

/// The path to each state (scrapped after a diagnosis).
const PATH: &str = "ARRAY['received', 'diagnosed', 'erased', 'os_installed', 'ready', 'reserved', \
     'handed_over', 'returned']";

pub fn script(size: &Size) -> String {
    let (seed, devices) = (size.seed, size.devices_per_structure);
    format!(
        r#"
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL synchronous_commit = off;
SELECT setseed({seed});

CREATE TEMP TABLE scale_ws ON COMMIT DROP AS
SELECT o.id AS org_id, o.short_name, substr(o.short_name, 3)::int AS k,
       (SELECT m.user_id FROM memberships m WHERE m.organisation_id = o.id AND m.role = 'staff' LIMIT 1) AS staff_id,
       (SELECT m.user_id FROM memberships m WHERE m.organisation_id = o.id AND m.role = 'admin' LIMIT 1) AS admin_id
  FROM organisations o WHERE o.kind = 'structure' AND o.name LIKE '% (échelle)';

INSERT INTO donors (organisation_id, id, name, kind)
SELECT org_id, md5('scale-donor-' || k || '-' || d)::uuid,
       CASE d WHEN 1 THEN 'Club sportif ' || k ELSE 'Mairie ' || k END,
       CASE d WHEN 1 THEN 'association' ELSE 'local_authority' END
  FROM scale_ws CROSS JOIN generate_series(1, 2) d;
INSERT INTO donations (organisation_id, id, donor_id, received_on, items_announced, created_by)
SELECT org_id, md5('scale-donation-' || k || '-' || l)::uuid, md5('scale-donor-' || k || '-' || (1 + l % 2))::uuid,
       current_date - 30 * l, 40, staff_id
  FROM scale_ws CROSS JOIN generate_series(1, 10) l;

CREATE TEMP TABLE scale_dv ON COMMIT DROP AS
SELECT w.org_id, w.k, w.staff_id, w.admin_id, g.n, md5('scale-device-' || w.k || '-' || g.n)::uuid AS id,
       w.short_name || '-' || lpad(g.n::text, 4, '0') AS tag,
       ({STATES})[1 + g.n % 20] AS state,
       md5('scale-donation-' || w.k || '-' || (1 + g.n % 10))::uuid AS donation_id,
       now() - (g.n % 90) * interval '1 day' - interval '1 hour' AS since
  FROM scale_ws w
 CROSS JOIN LATERAL generate_series(1, CASE WHEN w.k = 1 THEN {devices} * 10 ELSE {devices} END) g(n);
CREATE INDEX ON scale_dv (org_id, state);

INSERT INTO device_tag_counters (organisation_id, last_number)
SELECT org_id, max(n) FROM scale_dv GROUP BY org_id;

INSERT INTO devices (organisation_id, id, asset_tag, kind, brand, model, serial, donation_id, state, state_since,
                     cpu, ram_gb, screen_inches, battery_health_percent, tests_passed, appearance_grade, function_grade,
                     diagnosed_by, diagnosed_at, scrap_outcome, scrap_channel, created_by, created_at)
SELECT org_id, id, tag, CASE WHEN n % 7 = 0 THEN 'desktop' ELSE 'laptop' END,
       (ARRAY['Lenovo', 'Dell', 'HP', 'Acer'])[1 + n % 4], 'Modèle ' || (n % 13), 'SN' || k || '-' || n,
       donation_id, state, since,
       CASE WHEN state <> 'received' THEN 'Intel Core i5' END,
       CASE WHEN state <> 'received' THEN 4 + 4 * (n % 2) END,
       CASE WHEN state <> 'received' THEN 14 END,
       CASE WHEN state <> 'received' THEN 40 + n % 60 END,
       CASE WHEN state <> 'received' THEN ARRAY['keyboard', 'screen', 'wifi'] ELSE '{{}}' END,
       CASE WHEN state <> 'received' THEN (ARRAY['a', 'b', 'c'])[1 + n % 3] END,
       CASE WHEN state <> 'received' THEN (ARRAY['a', 'b'])[1 + n % 2] END,
       CASE WHEN state <> 'received' THEN staff_id END,
       CASE WHEN state <> 'received' THEN since - interval '20 days' END,
       CASE WHEN state = 'scrapped' THEN 'recycled' END,
       CASE WHEN state = 'scrapped' THEN 'Filière de recyclage' END,
       staff_id, since - interval '30 days'
  FROM scale_dv;

INSERT INTO device_disks (organisation_id, id, device_id, position, kind, size_gb, serial)
SELECT org_id, md5('scale-disk-' || id)::uuid, id, 0, (ARRAY['ssd', 'hdd'])[1 + n % 2], 256, 'D' || k || '-' || n
  FROM scale_dv WHERE state <> 'received';

-- Erased and beyond (not scrapped): a successful erasure, witnessed, and its certificate.
CREATE TEMP TABLE scale_erased ON COMMIT DROP AS
SELECT * FROM scale_dv WHERE state NOT IN ('received', 'diagnosed', 'scrapped');
INSERT INTO erasures (organisation_id, id, device_id, disk_id, method, tool, tool_version, passes, verified,
                      succeeded, started_at, ended_at, operator_id, witness_id, recorded_by)
SELECT org_id, md5('scale-erasure-' || id)::uuid, id, md5('scale-disk-' || id)::uuid,
       CASE WHEN n % 2 = 0 THEN 'ata_secure_erase' ELSE 'overwrite_verified' END, 'nwipe', '0.34', 1, true, true,
       since - interval '15 days', since - interval '15 days' + interval '90 minutes', staff_id, admin_id, staff_id
  FROM scale_erased;
INSERT INTO erasure_certificates (organisation_id, id, device_id, code, issued_at, issued_by)
SELECT org_id, md5('scale-certificate-' || id)::uuid, id,
       substr(c, 1, 4) || '-' || substr(c, 5, 4) || '-' || substr(c, 9, 4),
       since - interval '14 days', staff_id
  FROM (SELECT *, translate(upper(substr(md5('scale-code-' || id), 1, 12)), '01', 'WX') AS c FROM scale_erased) e;
INSERT INTO os_installs (organisation_id, id, device_id, os, os_version, software, account_prepared, installed_on,
                         operator_id, recorded_by)
SELECT org_id, md5('scale-os-' || id)::uuid, id, 'Linux Mint', '22', ARRAY['LibreOffice', 'Firefox'], true,
       (since - interval '10 days')::date, staff_id, staff_id
  FROM scale_erased WHERE state <> 'erased';
INSERT INTO quality_checks (organisation_id, id, device_id, items_passed, passed, checker_id, checked_at, recorded_by)
SELECT org_id, md5('scale-check-' || id)::uuid, id,
       ARRAY['boots', 'network', 'audio_video', 'software', 'updates', 'no_previous_data', 'presentation'], true,
       admin_id, since - interval '5 days', admin_id
  FROM scale_erased WHERE state NOT IN ('erased', 'os_installed');

-- Reserved, handed over or given back: a household of the structure each.
CREATE TEMP TABLE scale_given ON COMMIT DROP AS
SELECT d.*, h.household_id
  FROM (SELECT *, row_number() OVER (PARTITION BY org_id ORDER BY n) AS rn
          FROM scale_dv WHERE state IN ('reserved', 'handed_over', 'returned')) d
  JOIN LATERAL (SELECT hh.id AS household_id FROM households hh
                 WHERE hh.organisation_id = d.org_id ORDER BY hh.id OFFSET d.rn - 1 LIMIT 1) h ON true;
INSERT INTO reservations (organisation_id, id, device_id, household_id, reserved_at, reserved_by, ended_at, outcome)
SELECT org_id, md5('scale-reservation-' || id)::uuid, id, household_id, since - interval '3 days', staff_id,
       CASE WHEN state = 'reserved' THEN NULL ELSE since - interval '1 day' END,
       CASE WHEN state = 'reserved' THEN NULL ELSE 'handed_over' END
  FROM scale_given;
INSERT INTO handovers (organisation_id, id, device_id, household_id, reservation_id, handed_on, accessories,
                       condition, agreement_version, recipient_name, created_by, returned_at, return_reason)
SELECT org_id, md5('scale-handover-' || id)::uuid, id, household_id, md5('scale-reservation-' || id)::uuid,
       (since - interval '1 day')::date, ARRAY['charger', 'mouse'], 'Bon état', '2026-1', 'Famille ' || rn, staff_id,
       CASE WHEN state = 'returned' THEN since END, CASE WHEN state = 'returned' THEN 'fault' END
  FROM scale_given WHERE state <> 'reserved';

-- Every move of each machine up to its state.
INSERT INTO device_events (organisation_id, id, device_id, from_state, to_state, actor_id, at)
SELECT d.org_id, md5('scale-event-' || d.id || '-' || i)::uuid, d.id,
       CASE WHEN i > 1 THEN p.path[i - 1] END, p.path[i], d.staff_id,
       d.since - (array_length(p.path, 1) - i) * interval '4 days'
  FROM scale_dv d
 CROSS JOIN LATERAL (SELECT CASE WHEN d.state = 'scrapped' THEN ARRAY['received', 'diagnosed', 'scrapped']
                                 ELSE ({PATH})[1:array_position({PATH}, d.state)] END AS path) p
 CROSS JOIN LATERAL generate_series(1, array_length(p.path, 1)) i;

ANALYZE donors, donations, devices, device_disks, erasures, erasure_certificates, os_installs, quality_checks,
        reservations, handovers, device_events;
"#
    )
}
