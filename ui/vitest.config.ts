import { defineConfig } from "vitest/config";

// Component and logic tests: a simulated DOM (happy-dom), no backend, no browser.
// The end-to-end tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    environment: "happy-dom",
    // Frames and stylesheets are not fetched in component tests; say so quietly instead of as an error.
    environmentOptions: { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: true } } },
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
