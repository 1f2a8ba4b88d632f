// Diesel's view of the tables in `migrations/`. Kept in step with them by hand; the
// catalogue test compares every column listed here with the migrated database.

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
);
