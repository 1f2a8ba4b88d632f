import { createTheme, Modal, Notification, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";
import { t } from "@/lib/i18n";

// A green dark enough that white text on it, and it on white, pass WCAG AA (checked by
// axe in the browser tests); calm, and readable on old screens.
const brand: MantineColorsTuple = ["#e8f6f0", "#c9eadb", "#a3dbc3", "#74c6a6", "#46ae88", "#24946e", "#0f7a5a", "#0a6a4e", "#085a42", "#064a36"];

export const theme = createTheme({
  colors: { brand },
  primaryColor: "brand",
  primaryShade: 7,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "md",
  respectReducedMotion: true,
  fontSizes: { md: "1rem" },
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": t("common.close") } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": t("common.close") } } }),
  },
});

// Secondary text (field descriptions, placeholders) and error messages dark enough for
// 4.5:1 on white (Mantine's default red is 3.3:1).
export const cssVariables: CSSVariablesResolver = (th) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": th.colors.gray[7],
    "--mantine-color-placeholder": th.colors.gray[7],
    "--mantine-color-error": th.colors.red[9],
  },
  dark: {},
});
