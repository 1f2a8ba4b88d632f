// A family's fields as the forms hold them (text as typed), the rules the API applies to
// them (the same limits and messages, so a form is refused before it is sent, and a 422
// from the server lands on the same fields), and their API form. Shared by the referral
// form and the household form.
import type { Schemas } from "@/lib/api/client";
import { t } from "@/lib/i18n";

export type ContactChannel = Schemas["ContactChannel"];
export type Need = Schemas["Need"];
export type MemberRole = Schemas["MemberRole"];
export type SchoolLevel = Schemas["SchoolLevel"];
export type MemberInput = Schemas["MemberInput"];

export type MemberValues = {
  /** A person already recorded in the household (kept when it is edited). */
  id?: string;
  first_name: string;
  last_name: string;
  birth_year: string;
  role: MemberRole;
  school_level: SchoolLevel | null;
};

export type ContactValues = {
  preferred_contact: ContactChannel;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  commune: string;
  neighbourhood: string;
  needs: Need[];
  needs_other: string;
  languages: string;
};

/** The API's limits (api/src/households/domain.rs and the DTOs). */
export const LIMITS = { name: 100, address: 200, commune: 100, needsOther: 200, language: 40, languages: 10 } as const;

export const emptyContact: ContactValues = {
  preferred_contact: "phone",
  phone: "",
  email: "",
  address: "",
  postcode: "",
  commune: "",
  neighbourhood: "",
  needs: [],
  needs_other: "",
  languages: "",
};

/** The +33 form of a French number as people write it, or null (the API's rule). */
export function frenchPhone(phone: string): string | null {
  const compact = phone.replace(/[\s.\-()\u00a0]/g, "");
  const national = compact.startsWith("+33")
    ? compact.slice(3).replace(/^0+/, "")
    : compact.startsWith("0033")
      ? compact.slice(4).replace(/^0+/, "")
      : compact.startsWith("0")
        ? compact.slice(1)
        : null;
  return national !== null && /^[1-9][0-9]{8}$/.test(national) ? `+33${national}` : null;
}

const blank = (value: string) => value.trim() === "";

/** A text over `max` characters (inputs also stop at it, so nothing is cut silently). */
export const tooLong = (value: string, max: number) => (value.trim().length > max ? t("form.tooLong", { max }) : null);

export function requiredName(value: string): string | null {
  return blank(value) ? t("form.required") : tooLong(value, LIMITS.name);
}

/** Digits only, 1900 to this year; empty is allowed (the year is optional). */
export function birthYear(value: string): string | null {
  if (blank(value)) return null;
  const year = new Date().getFullYear();
  const n = Number(value.trim());
  return /^[0-9]{4}$/.test(value.trim()) && n >= 1900 && n <= year ? null : t("form.birthYear", { year });
}

type Errors = Record<string, string>;

/** Keeps the failed rules only. */
function collect(entries: [string, string | null][]): Errors {
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== null));
}

/** The errors of a list of members, by form path (`members.0.first_name`). */
export function memberErrors(members: MemberValues[], path = "members"): Errors {
  return collect(
    members.flatMap((m, i) => [
      [`${path}.${i}.first_name`, requiredName(m.first_name)],
      [`${path}.${i}.last_name`, requiredName(m.last_name)],
      [`${path}.${i}.birth_year`, birthYear(m.birth_year)],
    ]),
  );
}

/** A household has one reference person, exactly. */
export function oneReference(members: MemberValues[]): string | null {
  return members.filter((m) => m.role === "reference").length === 1 ? null : t("form.oneReference");
}

type TextField = "phone" | "email" | "address" | "postcode" | "commune" | "neighbourhood" | "needs_other" | "languages";

/** The errors of the contact and needs fields, by form path. */
export function contactErrors(values: ContactValues): Errors {
  return collect(Object.entries(contactRules).map(([field, rule]) => [field, rule(values[field as TextField], values)]));
}

/** The rules of the contact and needs fields (each may read all the values, for the rules
 * that depend on the preferred contact or the needs). */
const contactRules: Record<TextField, (value: string, values: ContactValues) => string | null> = {
  phone: (value: string, values: ContactValues) => {
    if (blank(value)) return ["phone", "sms"].includes(values.preferred_contact) ? t("form.phoneNeeded") : null;
    return frenchPhone(value) ? null : t("form.phone");
  },
  email: (value: string, values: ContactValues) => {
    if (blank(value)) return values.preferred_contact === "email" ? t("form.emailNeeded") : null;
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? tooLong(value, 254) : t("form.email");
  },
  address: (value: string, values: ContactValues) =>
    blank(value) && values.preferred_contact === "letter" ? t("form.addressNeeded") : tooLong(value, LIMITS.address),
  postcode: (value: string) => (blank(value) || /^[0-9]{5}$/.test(value.trim()) ? null : t("form.postcode")),
  commune: (value: string) => tooLong(value, LIMITS.commune),
  neighbourhood: (value: string) => tooLong(value, LIMITS.commune),
  needs_other: (value: string, values: ContactValues) =>
    values.needs.includes("other") && blank(value) ? t("form.needsOther") : tooLong(value, LIMITS.needsOther),
  languages: (value: string) => {
    const list = splitLanguages(value);
    return list.length > LIMITS.languages || list.some((l) => l.length > LIMITS.language) ? t("form.languages") : null;
  },
};

const opt = (value: string) => (value.trim() ? value.trim() : null);

export function splitLanguages(value: string): string[] {
  return value
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
}

export function toMembers(members: MemberValues[]): MemberInput[] {
  return members.map((m) => ({
    ...(m.id ? { id: m.id } : {}),
    first_name: m.first_name.trim(),
    last_name: m.last_name.trim(),
    birth_year: m.birth_year.trim() ? Number(m.birth_year.trim()) : null,
    role: m.role,
    school_level: m.role === "child" ? m.school_level : null,
  }));
}

/** The contact and needs fields as the API takes them (empty becomes null). */
export function toContact(v: ContactValues) {
  return {
    preferred_contact: v.preferred_contact,
    phone: opt(v.phone),
    email: opt(v.email),
    address: opt(v.address),
    postcode: opt(v.postcode),
    commune: opt(v.commune),
    neighbourhood: opt(v.neighbourhood),
    needs: v.needs,
    needs_other: v.needs.includes("other") ? opt(v.needs_other) : null,
    languages: splitLanguages(v.languages),
  };
}
