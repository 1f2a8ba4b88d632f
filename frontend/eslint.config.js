import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/lib/api/schema.ts"] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ["**/*.{ts,tsx}"],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Every UI text comes from the French catalogue (src/lib/i18n/fr.ts) through t().
      "no-restricted-syntax": [
        "error",
        { selector: "JSXText[value=/[A-Za-zÀ-ÿ]/]", message: "UI text goes through t() and src/lib/i18n/fr.ts." },
        {
          selector: "JSXAttribute[name.name=/^(label|placeholder|title|aria-label|description|alt)$/] > Literal[value=/[A-Za-zÀ-ÿ]/]",
          message: "UI text goes through t() and src/lib/i18n/fr.ts.",
        },
      ],
    },
  },
  {
    // Features do not import each other: shared code lives in src/lib or src/components,
    // reached through the "@/" alias; only src/app assembles features.
    files: ["src/features/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/features/*", "@/app/*"], message: "A feature must not import another feature or the app shell." },
            { group: ["../../*"], message: "Reach shared code through @/lib or @/components, not ../../" },
          ],
        },
      ],
    },
  },
);
