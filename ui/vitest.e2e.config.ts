import { defineConfig } from "vitest/config";

// End-to-end tests: the built UI (dist/) served by the real `dossier serve` on a fresh sample
// case, driven in headless Chromium (Debian's /usr/bin/chromium through playwright-core).
// Needs `npm run build` and the `dossier` binary ($CARGO_TARGET_DIR/debug, or DOSSIER_BIN).
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser and one server per file; files run one after another (2 cores, shared).
    fileParallelism: false,
  },
});
