import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { PasswordFields, passwordProblem, type PasswordState } from "./PasswordFields";

function Harness() {
  const [value, setValue] = useState<PasswordState>({ password: "", confirm: "" });
  return (
    <MantineProvider>
      <PasswordFields value={value} onChange={setValue} error={passwordProblem(value) ?? undefined} />
    </MantineProvider>
  );
}

describe("PasswordFields", () => {
  it("explains the rule before anyone is refused", () => {
    render(<Harness />);
    expect(screen.getByText(/Choisissez au moins 12 caractères/)).toBeInTheDocument();
  });

  it("says what is wrong as the person types, until both entries match", async () => {
    render(<Harness />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Nouveau mot de passe/), "court");
    expect(screen.getByText("Au moins 12 caractères.")).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Nouveau mot de passe/), " mais assez long");
    expect(screen.getByText("Les deux mots de passe ne sont pas identiques.")).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Confirmez/), "court mais assez long");
    expect(screen.queryByText("Les deux mots de passe ne sont pas identiques.")).not.toBeInTheDocument();
  });
});
