import { createTheme } from "@mantine/core";

// Calm, high-contrast colours (WCAG AA on white) and a comfortable base size for people
// who are not at ease with screens.
export const theme = createTheme({
  primaryColor: "teal",
  primaryShade: 9,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "md",
  fontSizes: { md: "1rem" },
});
