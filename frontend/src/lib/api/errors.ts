// The API answers errors as problem+json with a stable `code` and, for 422, the fields at
// fault. This turns any failed call into an ApiProblem the screens can explain.

export type FieldErrors = Record<string, string[]>;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: FieldErrors = {},
    readonly allowed: string[] = [],
  ) {
    super(detail || code);
  }

  /** The server could not be reached at all. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type ProblemBody = { code?: string; detail?: string; errors?: FieldErrors; allowed?: string[] };

export function toProblem(status: number, body: unknown): ApiProblem {
  const problem = (body ?? {}) as ProblemBody;
  return new ApiProblem(status, problem.code ?? "unknown", problem.detail ?? "", problem.errors ?? {}, problem.allowed ?? []);
}

/** Unwraps an openapi-fetch result: the data, or an ApiProblem thrown. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiProblem(0, "network", "");
  }
  if (!result.response.ok) throw toProblem(result.response.status, result.error);
  return result.data as T;
}
