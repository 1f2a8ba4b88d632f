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
        cycle_completion_threshold -> Int4,
        workshop_ledger_policy -> Text,
        retention_months -> Int4,
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
        anonymised_at -> Nullable<Timestamptz>,
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
        anonymised_at -> Nullable<Timestamptz>,
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
    referral_month_counts (organisation_id, month, site_key, referrer_key, status, slot) {
        organisation_id -> Uuid,
        month -> Date,
        site_key -> Uuid,
        referrer_key -> Uuid,
        status -> Text,
        slot -> Int2,
        n -> Int8,
    }
}

diesel::table! {
    referral_month_delays (organisation_id, month, site_key, measure, days, slot) {
        organisation_id -> Uuid,
        month -> Date,
        site_key -> Uuid,
        measure -> Text,
        days -> Int4,
        slot -> Int2,
        n -> Int8,
    }
}

diesel::table! {
    funder_reports (organisation_id, year) {
        organisation_id -> Uuid,
        year -> Int4,
        context -> Text,
        highlights -> Text,
        version -> Int4,
        updated_at -> Timestamptz,
        updated_by -> Uuid,
    }
}

diesel::table! {
    network_snapshots (year) {
        year -> Int4,
        computed_at -> Timestamptz,
    }
}

diesel::table! {
    network_rows (year, position) {
        year -> Int4,
        position -> Int4,
        structure_id -> Nullable<Uuid>,
        structure_name -> Nullable<Text>,
        month -> Nullable<Date>,
        figure -> Text,
        key -> Text,
        value -> Nullable<Numeric>,
        masking -> Nullable<Text>,
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

diesel::table! {
    programmes (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        name -> Text,
        is_default -> Bool,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    programme_modules (organisation_id, programme_id, position) {
        organisation_id -> Uuid,
        programme_id -> Uuid,
        position -> Int4,
        title -> Text,
        objectives -> Text,
        duration_minutes -> Int4,
        themes -> Array<Text>,
    }
}

diesel::table! {
    cycles (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        programme_id -> Uuid,
        site_id -> Uuid,
        name -> Text,
        capacity -> Int4,
        enrolled_count -> Int4,
        state -> Text,
        weekdays -> Array<Text>,
        start_time -> Time,
        duration_minutes -> Int4,
        first_day -> Date,
        state_reason -> Nullable<Text>,
        version -> Int4,
        created_at -> Timestamptz,
        created_by -> Uuid,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    cycle_facilitators (organisation_id, cycle_id, user_id) {
        organisation_id -> Uuid,
        cycle_id -> Uuid,
        user_id -> Uuid,
    }
}

diesel::table! {
    cycle_sessions (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        cycle_id -> Uuid,
        number -> Int4,
        title -> Text,
        starts_at -> Timestamptz,
        ends_at -> Timestamptz,
        cancelled -> Bool,
        change_reason -> Nullable<Text>,
        actual_minutes -> Nullable<Int4>,
        themes_covered -> Array<Text>,
        place -> Nullable<Text>,
        equipment -> Nullable<Text>,
        note -> Nullable<Text>,
        attendance_taken_at -> Nullable<Timestamptz>,
        version -> Int4,
        present_count -> Int4,
        recorded_count -> Int4,
    }
}

diesel::table! {
    enrolments (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        cycle_id -> Uuid,
        household_id -> Uuid,
        member_id -> Uuid,
        referral_id -> Nullable<Uuid>,
        status -> Text,
        waiting_since -> Nullable<Timestamptz>,
        enrolled_at -> Nullable<Timestamptz>,
        ended_at -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        created_by -> Uuid,
    }
}

diesel::table! {
    attendance (organisation_id, session_id, enrolment_id) {
        organisation_id -> Uuid,
        cycle_id -> Uuid,
        session_id -> Uuid,
        enrolment_id -> Uuid,
        presence -> Text,
        recorded_at -> Timestamptz,
        recorded_by -> Uuid,
    }
}

diesel::table! {
    skills_checks (organisation_id, enrolment_id, moment, competence) {
        organisation_id -> Uuid,
        enrolment_id -> Uuid,
        moment -> Text,
        competence -> Text,
        level -> Text,
        assessed_at -> Timestamptz,
        assessed_by -> Uuid,
        improved -> Nullable<Bool>,
    }
}

diesel::table! {
    session_reminders (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        session_id -> Uuid,
        household_id -> Uuid,
        reason -> Text,
        starts_at -> Timestamptz,
        channel -> Text,
        phone -> Nullable<Text>,
        message -> Text,
        created_at -> Timestamptz,
        called_at -> Nullable<Timestamptz>,
        called_by -> Nullable<Uuid>,
    }
}

diesel::table! {
    outbox_sms (id) {
        id -> Uuid,
        recipient -> Text,
        body -> Text,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        attempts -> Int4,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    calendar_feeds (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        token_hash -> Text,
        cycle_id -> Nullable<Uuid>,
        facilitator_id -> Nullable<Uuid>,
        created_by -> Uuid,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    donors (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        name -> Text,
        kind -> Text,
        contact_name -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        address -> Nullable<Text>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    donations (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        donor_id -> Uuid,
        received_on -> Date,
        items_announced -> Int4,
        notes -> Nullable<Text>,
        created_at -> Timestamptz,
        created_by -> Uuid,
    }
}

diesel::table! {
    device_tag_counters (organisation_id) {
        organisation_id -> Uuid,
        last_number -> Int4,
    }
}

diesel::table! {
    devices (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        asset_tag -> Text,
        kind -> Text,
        brand -> Text,
        model -> Text,
        serial -> Nullable<Text>,
        donation_id -> Nullable<Uuid>,
        site_id -> Nullable<Uuid>,
        state -> Text,
        state_since -> Timestamptz,
        cpu -> Nullable<Text>,
        ram_gb -> Nullable<Int4>,
        screen_inches -> Nullable<Float4>,
        battery_health_percent -> Nullable<Int4>,
        tests_passed -> Array<Text>,
        tests_failed -> Array<Text>,
        appearance_grade -> Nullable<Text>,
        function_grade -> Nullable<Text>,
        notes -> Nullable<Text>,
        diagnosed_by -> Nullable<Uuid>,
        diagnosed_at -> Nullable<Timestamptz>,
        scrap_outcome -> Nullable<Text>,
        scrap_channel -> Nullable<Text>,
        version -> Int4,
        created_at -> Timestamptz,
        created_by -> Uuid,
    }
}

diesel::table! {
    device_disks (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        position -> Int4,
        kind -> Text,
        size_gb -> Int4,
        serial -> Text,
    }
}

diesel::table! {
    erasures (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        disk_id -> Uuid,
        method -> Text,
        tool -> Text,
        tool_version -> Text,
        passes -> Int4,
        verified -> Bool,
        succeeded -> Bool,
        started_at -> Timestamptz,
        ended_at -> Timestamptz,
        operator_id -> Uuid,
        witness_id -> Nullable<Uuid>,
        notes -> Nullable<Text>,
        recorded_at -> Timestamptz,
        recorded_by -> Uuid,
    }
}

diesel::table! {
    erasure_certificates (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        code -> Text,
        issued_at -> Timestamptz,
        issued_by -> Uuid,
    }
}

diesel::table! {
    os_installs (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        os -> Text,
        os_version -> Text,
        licence -> Nullable<Text>,
        software -> Array<Text>,
        account_prepared -> Bool,
        installed_on -> Date,
        operator_id -> Uuid,
        recorded_at -> Timestamptz,
        recorded_by -> Uuid,
    }
}

diesel::table! {
    quality_checks (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        items_passed -> Array<Text>,
        items_failed -> Array<Text>,
        passed -> Bool,
        notes -> Nullable<Text>,
        checker_id -> Uuid,
        checked_at -> Timestamptz,
        recorded_by -> Uuid,
    }
}

diesel::table! {
    reservations (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        household_id -> Uuid,
        reserved_at -> Timestamptz,
        reserved_by -> Uuid,
        note -> Nullable<Text>,
        ended_at -> Nullable<Timestamptz>,
        outcome -> Nullable<Text>,
    }
}

diesel::table! {
    handovers (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        household_id -> Uuid,
        reservation_id -> Uuid,
        handed_on -> Date,
        accessories -> Array<Text>,
        condition -> Text,
        agreement_version -> Text,
        recipient_name -> Text,
        created_at -> Timestamptz,
        created_by -> Uuid,
        returned_at -> Nullable<Timestamptz>,
        return_reason -> Nullable<Text>,
        return_note -> Nullable<Text>,
    }
}

diesel::table! {
    device_events (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        from_state -> Nullable<Text>,
        to_state -> Text,
        actor_id -> Uuid,
        at -> Timestamptz,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    training_people (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        name -> Text,
        user_id -> Nullable<Uuid>,
        is_trainer -> Bool,
        external_organisation -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    training_programmes (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        name -> Text,
        is_default -> Bool,
    }
}

diesel::table! {
    training_programme_sessions (organisation_id, programme_id, position) {
        organisation_id -> Uuid,
        programme_id -> Uuid,
        position -> Int4,
        title -> Text,
        minutes -> Int4,
        competences -> Array<Text>,
    }
}

diesel::table! {
    courses (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        programme_id -> Uuid,
        site_id -> Uuid,
        name -> Text,
        created_at -> Timestamptz,
        created_by -> Uuid,
    }
}

diesel::table! {
    course_trainers (organisation_id, course_id, person_id) {
        organisation_id -> Uuid,
        course_id -> Uuid,
        person_id -> Uuid,
    }
}

diesel::table! {
    course_sessions (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        course_id -> Uuid,
        number -> Int4,
        title -> Text,
        starts_at -> Timestamptz,
        minutes -> Int4,
        competences -> Array<Text>,
        cancelled -> Bool,
        change_reason -> Nullable<Text>,
        attendance_taken_at -> Nullable<Timestamptz>,
        version -> Int4,
    }
}

diesel::table! {
    course_invitations (organisation_id, course_org_id, course_id) {
        organisation_id -> Uuid,
        course_org_id -> Uuid,
        course_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    course_trainees (organisation_id, course_id, person_id) {
        organisation_id -> Uuid,
        course_org_id -> Uuid,
        course_id -> Uuid,
        person_id -> Uuid,
        trainee_name -> Text,
        structure_name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    course_attendance (organisation_id, session_id, person_id) {
        organisation_id -> Uuid,
        course_org_id -> Uuid,
        course_id -> Uuid,
        session_id -> Uuid,
        person_id -> Uuid,
        presence -> Text,
        recorded_at -> Timestamptz,
        recorded_by -> Uuid,
    }
}

diesel::table! {
    competence_validations (organisation_id, person_id, competence) {
        organisation_id -> Uuid,
        person_id -> Uuid,
        competence -> Text,
        validated_on -> Date,
        validated_by -> Uuid,
        validator_name -> Text,
        course_org_id -> Nullable<Uuid>,
        course_id -> Nullable<Uuid>,
        comment -> Nullable<Text>,
    }
}

diesel::table! {
    workshop_ledger (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        device_id -> Uuid,
        step -> Text,
        user_id -> Uuid,
        person_id -> Nullable<Uuid>,
        trained -> Bool,
        at -> Timestamptz,
    }
}

diesel::table! {
    audit_entries (id) {
        id -> Int8,
        at -> Timestamptz,
        organisation_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        role -> Nullable<Text>,
        action -> Text,
        resource_type -> Text,
        resource_id -> Nullable<Text>,
        route -> Text,
        method -> Text,
        request_id -> Nullable<Uuid>,
        status -> Int2,
        outcome -> Text,
    }
}

diesel::table! {
    erasure_requests (organisation_id, id) {
        organisation_id -> Uuid,
        id -> Uuid,
        household_id -> Uuid,
        reason -> Text,
        erased_at -> Timestamptz,
        erased_by -> Uuid,
    }
}

diesel::table! {
    legal_texts (organisation_id, kind, version) {
        organisation_id -> Uuid,
        kind -> Text,
        version -> Int4,
        body -> Text,
        published_at -> Timestamptz,
        published_by -> Uuid,
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
    programmes,
    programme_modules,
    cycles,
    cycle_facilitators,
    cycle_sessions,
    enrolments,
    attendance,
    skills_checks,
    session_reminders,
    outbox_sms,
    calendar_feeds,
    donors,
    donations,
    device_tag_counters,
    devices,
    device_disks,
    erasures,
    erasure_certificates,
    os_installs,
    quality_checks,
    reservations,
    handovers,
    device_events,
    training_people,
    training_programmes,
    training_programme_sessions,
    courses,
    course_trainers,
    course_sessions,
    course_invitations,
    course_trainees,
    course_attendance,
    competence_validations,
    workshop_ledger,
    audit_entries,
    erasure_requests,
    legal_texts,
);
