import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["warn", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // The emulator serves its own HTML strings and is never bundled by Next.
    files: ["emulator/**", "scripts/**", "e2e/**", "tests/**"],
    rules: { "@next/next/no-html-link-for-pages": "off", "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The Stripe emulator is a development tool: production code never imports it, so it never ships in the build.
    files: ["app/**", "lib/**", "components/**", "inngest/**", "db/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/emulator/**", "**/emulator/**"], message: "Production code never imports the emulator." },
          ],
        },
      ],
    },
  },
  {
    // Emails are whole HTML documents rendered to a string, not Next pages.
    files: ["lib/email/templates/**"],
    rules: { "@next/next/no-head-element": "off" },
  },
];

export default config;
