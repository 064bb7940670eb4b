import { defineConfig } from "vite";

// The desktop shell embeds dist/ (src-tauri/tauri.conf.json, build.frontendDist) and serves it
// under a strict CSP: no inline scripts or styles, so everything is emitted as files.
export default defineConfig({
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ (Debian 12) and current browsers.
    target: "es2022",
    assetsInlineLimit: 0,
  },
});
