import { describe, expect, it } from "vitest";
import { birthYear, contactErrors, emptyContact, frenchPhone, memberErrors, oneReference, toContact, toMembers, type MemberValues } from "./family";
import { formPath, serverFormErrors } from "./forms";
import { toProblem } from "./api/errors";

const person = (patch: Partial<MemberValues> = {}): MemberValues => ({ first_name: "Samira", last_name: "Haddad", birth_year: "1988", role: "reference", school_level: null, ...patch });

describe("the family rules, as the API applies them", () => {
  it("reads French phones as people write them", () => {
    expect(frenchPhone("06 12 34 56 78")).toBe("+33612345678");
    expect(frenchPhone("+33 6 12 34 56 78")).toBe("+33612345678");
    expect(frenchPhone("06.12.34.56.7")).toBeNull();
    expect(frenchPhone("00 12 34 56 78")).toBeNull();
  });

  it("refuses a year typed with a letter or out of range, in a whole sentence", () => {
    const year = new Date().getFullYear();
    expect(birthYear("19a5")).toBe(`L'année de naissance doit être comprise entre 1900 et ${year}.`);
    expect(birthYear("1899")).not.toBeNull();
    expect(birthYear(String(year + 1))).not.toBeNull();
    expect(birthYear("1985")).toBeNull();
    expect(birthYear("")).toBeNull();
  });

  it("names each faulty member field by its form path", () => {
    const errors = memberErrors([person(), person({ first_name: " ", last_name: "x".repeat(101), birth_year: "1850" })]);
    expect(Object.keys(errors).sort()).toEqual(["members.1.birth_year", "members.1.first_name", "members.1.last_name"]);
  });

  it("needs exactly one reference person in a household", () => {
    expect(oneReference([person()])).toBeNull();
    expect(oneReference([person(), person()])).not.toBeNull();
    expect(oneReference([person({ role: "adult" })])).not.toBeNull();
  });

  it("asks for the detail the preferred contact needs, and explains another need", () => {
    expect(Object.keys(contactErrors({ ...emptyContact, preferred_contact: "sms" }))).toEqual(["phone"]);
    expect(Object.keys(contactErrors({ ...emptyContact, preferred_contact: "email" }))).toEqual(["email"]);
    expect(Object.keys(contactErrors({ ...emptyContact, preferred_contact: "letter" }))).toEqual(["address"]);
    expect(Object.keys(contactErrors({ ...emptyContact, preferred_contact: "do_not_contact", needs: ["other"], postcode: "5959" })).sort()).toEqual(["needs_other", "postcode"]);
    expect(contactErrors({ ...emptyContact, phone: "06 12 34 56 78" })).toEqual({});
  });

  it("sends what was typed in the API's form", () => {
    expect(toMembers([person({ role: "adult", school_level: "college", birth_year: "" })])).toEqual([
      { first_name: "Samira", last_name: "Haddad", birth_year: null, role: "adult", school_level: null },
    ]);
    const body = toContact({ ...emptyContact, phone: " 06 12 34 56 78 ", languages: "arabe, , français", needs: ["no_computer"], needs_other: "ignored" });
    expect(body).toMatchObject({ phone: "06 12 34 56 78", email: null, languages: ["arabe", "français"], needs_other: null });
  });
});

describe("server errors on form fields", () => {
  it("turn the API's field names into form paths", () => {
    expect(formPath("members[2].first_name")).toBe("members.2.first_name");
    const problem = toProblem(422, { code: "validation_failed", errors: { "members[0].last_name": ["obligatoire", "trop long"], phone: ["faux"] } });
    expect(serverFormErrors(problem)).toEqual({ "members.0.last_name": "obligatoire ; trop long", phone: "faux" });
    expect(serverFormErrors(toProblem(409, { code: "conflict" }))).toEqual({});
  });
});
