// Diesel's view of the tables in `migrations/`, written by hand. The test
// `schema_truth` (tests/api) compares every table, column, type and nullability here with
// the migrated database, so a drift fails the test command.

diesel::table! {
    organisations (id) {
        id -> Uuid,
        kind -> Text,
        name -> Text,
        short_name -> Text,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        referral_reminder_days -> Int4,
        referral_expiry_days -> Int4,
        handover_min_sessions -> Int4,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        name -> Text,
        password_hash -> Nullable<Text>,
        active -> Bool,
        locale -> Text,
        is_superadmin -> Bool,
        tokens_valid_after -> Timestamptz,
        membership_count -> Int4,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        has_password -> Bool,
    }
}

diesel::table! {
    memberships (organisation_id, user_id) {
        organisation_id -> Uuid,
        user_id -> Uuid,
        organisation_kind -> Text,
        role -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    sites (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        organisation_kind -> Text,
        name -> Text,
        address -> Nullable<Text>,
        postcode -> Nullable<Text>,
        city -> Nullable<Text>,
        archived -> Bool,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    partnerships (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        organisation_kind -> Text,
        referrer_id -> Uuid,
        referrer_kind -> Text,
        active -> Bool,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    invitations (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        organisation_kind -> Text,
        email -> Text,
        role -> Text,
        token_hash -> Text,
        expires_at -> Timestamptz,
        accepted_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
        created_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    password_resets (id) {
        id -> Uuid,
        user_id -> Uuid,
        token_hash -> Text,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        issued_by -> Nullable<Uuid>,
        issued_in -> Nullable<Uuid>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        family_id -> Uuid,
        token_hash -> Text,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Int8,
        email -> Text,
        ip -> Text,
        at -> Timestamptz,
    }
}

diesel::table! {
    outbox_emails (id) {
        id -> Uuid,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        attempts -> Int4,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    households (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        organisation_kind -> Text,
        commune -> Nullable<Text>,
        neighbourhood -> Nullable<Text>,
        address -> Nullable<Text>,
        postcode -> Nullable<Text>,
        preferred_contact -> Text,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        needs -> Array<Text>,
        needs_other -> Nullable<Text>,
        languages -> Array<Text>,
        notes -> Nullable<Text>,
        status -> Text,
        search_text -> Text,
        sort_name -> Text,
        version -> Int4,
        created_at -> Timestamptz,
        created_by -> Uuid,
        updated_at -> Timestamptz,
        updated_by -> Uuid,
    }
}

diesel::table! {
    household_members (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        household_id -> Uuid,
        position -> Int4,
        first_name -> Text,
        last_name -> Text,
        birth_year -> Nullable<Int4>,
        role -> Text,
        school_level -> Nullable<Text>,
        folded_name -> Text,
    }
}

diesel::table! {
    referrals (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        organisation_kind -> Text,
        source -> Text,
        referrer_org_id -> Nullable<Uuid>,
        referrer_kind -> Text,
        created_by -> Uuid,
        site_id -> Nullable<Uuid>,
        first_name -> Text,
        last_name -> Text,
        birth_year -> Nullable<Int4>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        preferred_contact -> Text,
        address -> Nullable<Text>,
        postcode -> Nullable<Text>,
        commune -> Nullable<Text>,
        neighbourhood -> Nullable<Text>,
        members -> Jsonb,
        needs -> Array<Text>,
        needs_other -> Nullable<Text>,
        languages -> Array<Text>,
        reason -> Nullable<Text>,
        message -> Nullable<Text>,
        consent_given_on -> Nullable<Date>,
        consent_text_version -> Nullable<Text>,
        share_progress -> Bool,
        status -> Text,
        decline_reason -> Nullable<Text>,
        household_id -> Nullable<Uuid>,
        member_id -> Nullable<Uuid>,
        cycle_start_date -> Nullable<Date>,
        sessions_planned -> Nullable<Int4>,
        sessions_attended -> Nullable<Int4>,
        device_handed_over_on -> Nullable<Date>,
        submitted_at -> Timestamptz,
        decided_at -> Nullable<Timestamptz>,
        reminded_at -> Nullable<Timestamptz>,
        folded_name -> Text,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    referral_counts (organisation_id, status, source, slot) {
        organisation_id -> Uuid,
        status -> Text,
        source -> Text,
        slot -> Int2,
        n -> Int8,
    }
}

diesel::table! {
    referral_events (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        referral_id -> Uuid,
        referrer_org_id -> Nullable<Uuid>,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_user_id -> Nullable<Uuid>,
        actor_org_id -> Nullable<Uuid>,
        actor_role -> Text,
        reason -> Nullable<Text>,
        message -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    notifications (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        kind -> Text,
        referral_id -> Uuid,
        structure_id -> Uuid,
        status -> Text,
        created_at -> Timestamptz,
        read_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    idempotency_keys (organisation_id, user_id, key) {
        organisation_id -> Uuid,
        user_id -> Uuid,
        key -> Text,
        request_hash -> Text,
        response_status -> Nullable<Int4>,
        response_body -> Nullable<Jsonb>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(password_resets -> users (user_id));
diesel::joinable!(memberships -> organisations (organisation_id));
diesel::joinable!(partnerships -> organisations (referrer_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    memberships,
    sites,
    partnerships,
    invitations,
    password_resets,
    refresh_tokens,
    login_failures,
    outbox_emails,
    households,
    household_members,
    referrals,
    referral_counts,
    referral_events,
    notifications,
    idempotency_keys,
);
