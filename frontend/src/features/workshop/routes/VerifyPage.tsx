import { Alert, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ApiProblem } from "@/lib/api/errors";
import { formatDate, label } from "@/lib/i18n";
import { AuthFrame } from "@/components/AuthFrame";
import { ProblemAlert } from "@/components/ProblemAlert";
import { verifyCertificate } from "../api/queries";
import { t } from "../fr";

type Verification = Awaited<ReturnType<typeof verifyCertificate>>;

/** The public check of an erasure certificate (a donor, an auditor): no account needed. */
export default function VerifyPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get("code") ?? "");
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyCertificate(code.trim().replace(/\s+/g, "-")));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  const notFound = error instanceof ApiProblem && error.status === 404;
  const tooMany = error instanceof ApiProblem && error.status === 429;
  return (
    <AuthFrame title={t("verify.title")}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput label={t("verify.code")} placeholder={t("verify.placeholder")} required autoComplete="off" value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            {t("verify.check")}
          </Button>
          {result && (
            <Alert color="#0b6e4f" variant="filled" role="status" title={t("verify.genuine")}>
              <Text>
                {t("verify.detail", {
                  structure: result.structure,
                  date: formatDate(result.issued_on),
                  tag: `${result.asset_tag} (${label("deviceKind", result.device_kind)})`,
                  disks: result.disks_erased,
                  standards: result.standards.join(", "),
                })}
              </Text>
            </Alert>
          )}
          {notFound && (
            <Alert color="red" role="alert">
              {t("verify.notFound")}
            </Alert>
          )}
          {tooMany && (
            <Alert color="orange" role="alert">
              {t("verify.tooMany")}
            </Alert>
          )}
          {error != null && !notFound && !tooMany && <ProblemAlert error={error} />}
        </Stack>
      </form>
    </AuthFrame>
  );
}
