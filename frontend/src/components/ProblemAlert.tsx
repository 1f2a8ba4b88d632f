import { Alert, Button } from "@mantine/core";
import { ApiProblem } from "@/lib/api/errors";
import { t, type MessageKey } from "@/lib/i18n";

function messageFor(error: unknown): MessageKey {
  if (!(error instanceof ApiProblem)) return "error.generic";
  if (error.isNetwork) return "error.network";
  switch (error.status) {
    case 403:
      return "error.forbidden";
    case 404:
      return "error.notFound";
    case 409:
      return "error.conflict";
    case 422:
      return "error.validation";
    default:
      return "error.generic";
  }
}

/** An error in plain French, saying what to do; with a retry button when one helps. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" role="alert" my="md">
      {t(messageFor(error))}
      {onRetry && (
        <Button variant="white" color="red" size="xs" ml="md" onClick={onRetry}>
          {t("error.retry")}
        </Button>
      )}
    </Alert>
  );
}
