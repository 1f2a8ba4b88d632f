import { describe, expect, it } from "vitest";
import { ApiProblem, toProblem, unwrap } from "./api/errors";
import { blankToNull, hasFieldErrors, serverError } from "./forms";

describe("server field errors", () => {
  const problem = toProblem(422, { code: "validation_failed", detail: "x", errors: { phone: ["n'est pas un numéro français"], "members[0].first_name": ["obligatoire", "trop long"] } });

  it("are found by the API's field name, nested ones included", () => {
    expect(serverError(problem, "phone")).toBe("n'est pas un numéro français");
    expect(serverError(problem, "members[0].first_name")).toBe("obligatoire ; trop long");
    expect(serverError(problem, "email")).toBeUndefined();
    expect(hasFieldErrors(problem)).toBe(true);
  });

  it("are ignored for other statuses", () => {
    expect(serverError(toProblem(409, { code: "conflict" }), "phone")).toBeUndefined();
  });
});

describe("unwrap", () => {
  it("turns a failed answer into an ApiProblem with its code and allowed transitions", async () => {
    const response = new Response(null, { status: 409 });
    await expect(unwrap(Promise.resolve({ error: { code: "invalid_transition", allowed: ["accepted"] }, response }))).rejects.toMatchObject({
      status: 409,
      code: "invalid_transition",
      allowed: ["accepted"],
    });
  });

  it("reports an unreachable server as a network problem", async () => {
    const failure = unwrap(Promise.reject(new TypeError("Failed to fetch")));
    await expect(failure).rejects.toBeInstanceOf(ApiProblem);
    await expect(failure).rejects.toMatchObject({ isNetwork: true });
  });
});

describe("blankToNull", () => {
  it("clears blank optional fields", () => {
    expect(blankToNull("   ")).toBeNull();
    expect(blankToNull(" Raismes ")).toBe("Raismes");
  });
});
