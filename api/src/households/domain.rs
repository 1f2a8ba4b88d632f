//! What households and referrals share: a person's details, members, needs and contact,
//! with the validation rules people get told about field by field.

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::platform::error::{ApiError, ApiResult, FieldErrors};
use crate::text_enum;

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

text_enum!(
    /// Why a possible duplicate is suggested.
    DuplicateMatch {
        /// The same phone number.
        Phone = "phone",
        /// A person with the same folded name and year of birth.
        NameAndBirthYear = "name_and_birth_year",
        /// A person with the same folded name, in the same commune (whatever the year).
        NameAndCommune = "name_and_commune",
    }
);

/// One member of a household, as entered.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    /// A person already in this household, when the household is replaced: they keep their
    /// identity (the referrals about them stay theirs). Absent for a new person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    #[validate(
        length(min = 1, max = 100),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 100)]
    pub first_name: String,
    #[validate(
        length(min = 1, max = 100),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 100)]
    pub last_name: String,
    /// Year of birth (not the date: it is enough to tell people apart).
    #[validate(custom(function = "validate_birth_year"))]
    pub birth_year: Option<i32>,
    pub role: MemberRole,
    /// For children: their school level (ENT / Pronote follow-up).
    pub school_level: Option<SchoolLevel>,
}

pub fn validate_birth_year(year: i32) -> Result<(), ValidationError> {
    let current = chrono::Utc::now().year();
    if (1900..=current).contains(&year) {
        Ok(())
    } else {
        Err(ValidationError::new("birth_year").with_message(
            format!("L'année de naissance doit être comprise entre 1900 et {current}.").into(),
        ))
    }
}

pub fn validate_languages(languages: &[String]) -> Result<(), ValidationError> {
    if languages.len() > 10
        || languages
            .iter()
            .any(|l| l.trim().is_empty() || l.chars().count() > 40)
    {
        return Err(ValidationError::new("languages")
            .with_message("Dix langues au plus, de 40 caractères au plus chacune.".into()));
    }
    Ok(())
}

/// Contact details and needs, checked together (rules that span several fields).
pub struct ContactRules<'a> {
    pub preferred_contact: ContactChannel,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub address: Option<&'a str>,
    pub needs: &'a [Need],
    pub needs_other: Option<&'a str>,
}

impl ContactRules<'_> {
    pub fn check(&self, errors: &mut FieldErrors) {
        let blank = |v: Option<&str>| v.map(str::trim).unwrap_or_default().is_empty();
        let mut require = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        match self.preferred_contact {
            ContactChannel::Phone | ContactChannel::Sms if blank(self.phone) => require(
                "phone",
                "Le téléphone est nécessaire pour joindre la famille par téléphone ou SMS.",
            ),
            ContactChannel::Email if blank(self.email) => require(
                "email",
                "L'adresse e-mail est nécessaire pour joindre la famille par e-mail.",
            ),
            ContactChannel::Letter if blank(self.address) => require(
                "address",
                "L'adresse est nécessaire pour écrire à la famille.",
            ),
            _ => {}
        }
        if self.needs.contains(&Need::Other) && blank(self.needs_other) {
            require("needs_other", "Précisez l'autre besoin.");
        }
        if let Some(phone) = self.phone.filter(|p| !p.trim().is_empty()) {
            if crate::platform::validate::normalise_phone(phone).is_none() {
                require(
                    "phone",
                    "Ce n'est pas un numéro de téléphone français (par exemple 06 12 34 56 78).",
                );
            }
        }
        if let Some(email) = self.email.filter(|e| !e.trim().is_empty()) {
            if !validator::ValidateEmail::validate_email(&email.trim()) {
                require("email", "Ce n'est pas une adresse e-mail valide.");
            }
        }
    }
}

/// A household has one reference person, exactly.
pub fn check_one_reference(members: &[MemberInput], field: &str, errors: &mut FieldErrors) {
    let references = members
        .iter()
        .filter(|m| m.role == MemberRole::Reference)
        .count();
    if references != 1 {
        errors
            .entry(field.to_owned())
            .or_default()
            .push("Une personne, et une seule, doit être la personne de référence.".to_owned());
    }
}

/// Members' own rules: school levels only for children.
pub fn check_members(members: &[MemberInput], field: &str, errors: &mut FieldErrors) {
    for (i, m) in members.iter().enumerate() {
        if m.school_level.is_some() && m.role != MemberRole::Child {
            errors
                .entry(format!("{field}[{i}].school_level"))
                .or_default()
                .push("Le niveau scolaire ne concerne qu'un enfant.".to_owned());
        }
    }
}

/// Member ids name people already in a household: only a household's replacement has them,
/// each at most once.
pub fn check_member_ids(
    members: &[MemberInput],
    field: &str,
    replacing: bool,
    errors: &mut FieldErrors,
) {
    for (i, m) in members.iter().enumerate() {
        let Some(id) = m.id else { continue };
        let message = if !replacing {
            "Une personne nouvelle n'a pas encore d'identifiant : retirez le champ id."
        } else if members[..i].iter().any(|other| other.id == Some(id)) {
            "Cette personne figure deux fois dans le foyer."
        } else {
            continue;
        };
        errors
            .entry(format!("{field}[{i}].id"))
            .or_default()
            .push(message.to_owned());
    }
}

/// Two communes written alike, case and surrounding spaces aside (as the duplicate query
/// compares them).
pub fn same_commune(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
        _ => false,
    }
}

/// Turns collected cross-field errors into a 422 (or Ok when there are none).
pub fn finish(errors: FieldErrors) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Trims; empty becomes None.
pub fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The stored forms of phone and email.
pub fn stored_phone(phone: Option<String>) -> Option<String> {
    clean(phone).and_then(|p| crate::platform::validate::normalise_phone(&p))
}

pub fn stored_email(email: Option<String>) -> Option<String> {
    clean(email).map(|e| e.to_lowercase())
}

/// Needs without repetition, in the order given.
pub fn dedup_needs(needs: &[Need]) -> Vec<Need> {
    let mut out: Vec<Need> = Vec::new();
    for need in needs {
        if !out.contains(need) {
            out.push(*need);
        }
    }
    out
}

pub fn clean_languages(languages: &[String]) -> Vec<String> {
    languages
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_spelling() {
        for need in Need::ALL {
            assert_eq!(Need::parse(need.as_str()), Some(*need));
        }
        for level in SchoolLevel::ALL {
            assert_eq!(SchoolLevel::parse(level.as_str()), Some(*level));
        }
    }

    fn person(role: MemberRole, school_level: Option<SchoolLevel>) -> MemberInput {
        MemberInput {
            id: None,
            first_name: "Samira".into(),
            last_name: "Haddad".into(),
            birth_year: Some(1988),
            role,
            school_level,
        }
    }

    #[test]
    fn member_ids_only_when_replacing_and_once_each() {
        let id = Uuid::from_u128(7);
        let known = MemberInput {
            id: Some(id),
            ..person(MemberRole::Reference, None)
        };
        let new = person(MemberRole::Adult, None);
        let mut errors = FieldErrors::new();
        check_member_ids(&[known.clone(), new.clone()], "members", true, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        check_member_ids(&[new, known.clone()], "members", false, &mut errors);
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["members[1].id"]);
        let mut errors = FieldErrors::new();
        check_member_ids(&[known.clone(), known], "members", true, &mut errors);
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["members[1].id"]);
    }

    #[test]
    fn communes_compare_without_case_or_spaces_and_never_when_unknown() {
        assert!(same_commune(Some("Raismes"), Some(" RAISMES ")));
        assert!(!same_commune(Some("Raismes"), Some("Anzin")));
        assert!(!same_commune(None, None));
        assert!(!same_commune(Some("Raismes"), None));
    }

    fn contact<'a>(channel: ContactChannel, needs: &'a [Need]) -> ContactRules<'a> {
        ContactRules {
            preferred_contact: channel,
            phone: None,
            email: None,
            address: None,
            needs,
            needs_other: None,
        }
    }

    fn errors_of(f: impl FnOnce(&mut FieldErrors)) -> Vec<String> {
        let mut errors = FieldErrors::new();
        f(&mut errors);
        errors.into_keys().collect()
    }

    #[test]
    fn a_household_has_exactly_one_reference_person() {
        let reference = person(MemberRole::Reference, None);
        let adult = person(MemberRole::Adult, None);
        for (members, ok) in [
            (vec![reference.clone()], true),
            (vec![reference.clone(), adult.clone()], true),
            (vec![adult.clone()], false),
            (vec![reference.clone(), reference.clone()], false),
            (vec![], false),
        ] {
            let found = errors_of(|e| check_one_reference(&members, "members", e));
            assert_eq!(found.is_empty(), ok, "{members:?}");
        }
    }

    #[test]
    fn only_children_have_a_school_level() {
        let members = [
            person(MemberRole::Reference, None),
            person(MemberRole::Child, Some(SchoolLevel::College)),
            person(MemberRole::Adult, Some(SchoolLevel::Lycee)),
        ];
        assert_eq!(
            errors_of(|e| check_members(&members, "members", e)),
            vec!["members[2].school_level".to_owned()]
        );
    }

    #[test]
    fn the_preferred_contact_needs_its_details() {
        let cases = [
            (ContactChannel::Phone, "phone"),
            (ContactChannel::Sms, "phone"),
            (ContactChannel::Email, "email"),
            (ContactChannel::Letter, "address"),
        ];
        for (channel, field) in cases {
            assert_eq!(
                errors_of(|e| contact(channel, &[]).check(e)),
                vec![field.to_owned()],
                "{channel:?}"
            );
        }
        assert!(errors_of(|e| contact(ContactChannel::DoNotContact, &[]).check(e)).is_empty());
        let with_phone = ContactRules {
            phone: Some("06 12 34 56 78"),
            ..contact(ContactChannel::Sms, &[])
        };
        assert!(errors_of(|e| with_phone.check(e)).is_empty());
    }

    #[test]
    fn phones_and_emails_must_be_real_ones_and_other_needs_explained() {
        let bad = ContactRules {
            phone: Some("12 34"),
            email: Some("pas-une-adresse"),
            ..contact(ContactChannel::DoNotContact, &[Need::Other])
        };
        assert_eq!(
            errors_of(|e| bad.check(e)),
            vec![
                "email".to_owned(),
                "needs_other".to_owned(),
                "phone".to_owned()
            ]
        );
    }

    #[test]
    fn stored_forms_are_canonical() {
        assert_eq!(
            stored_phone(Some(" 06.12.34.56.78 ".into())),
            Some("+33612345678".into())
        );
        assert_eq!(stored_phone(Some("  ".into())), None);
        assert_eq!(stored_email(Some(" A@B.FR ".into())), Some("a@b.fr".into()));
        assert_eq!(
            dedup_needs(&[Need::NoComputer, Need::NoInternet, Need::NoComputer]),
            vec![Need::NoComputer, Need::NoInternet]
        );
        assert_eq!(
            clean_languages(&[" arabe ".into(), "".into()]),
            vec!["arabe".to_owned()]
        );
    }

    #[test]
    fn birth_years_and_languages_have_limits() {
        assert!(validate_birth_year(1899).is_err());
        assert!(validate_birth_year(1985).is_ok());
        assert!(validate_birth_year(chrono::Utc::now().year() + 1).is_err());
        assert!(validate_languages(&vec!["français".to_owned(); 11]).is_err());
        assert!(validate_languages(&["x".repeat(41)]).is_err());
        assert!(validate_languages(&["français".to_owned()]).is_ok());
    }

    #[test]
    fn an_unknown_spelling_is_no_value() {
        assert_eq!(ContactChannel::parse("pigeon"), None);
        assert_eq!(MemberRole::parse("Reference"), None);
    }
}
