import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * Copies pdf.js's standard font data (the base-14 fonts PDFs use without embedding them) into
 * dist/pdfjs/standard_fonts/, where the viewer tells pdf.js to find them
 * (src/screens/document/pdf-document.ts, STANDARD_FONTS_PATH): served from 'self', as the CSP asks.
 */
function pdfjsStandardFonts(): Plugin {
  const folder = fileURLToPath(new URL("node_modules/pdfjs-dist/standard_fonts/", import.meta.url));
  return {
    name: "dossier-pdfjs-standard-fonts",
    apply: "build",
    generateBundle() {
      for (const name of readdirSync(folder)) {
        this.emitFile({ type: "asset", fileName: `pdfjs/standard_fonts/${name}`, source: readFileSync(folder + name) });
      }
    },
  };
}

// The desktop shell embeds dist/ (src-tauri/tauri.conf.json, build.frontendDist) and serves it
// under a strict CSP: no inline scripts or styles, so everything is emitted as files (the pdf.js
// worker too: it is bundled as its own file and started from 'self').
export default defineConfig({
  clearScreen: false,
  plugins: [pdfjsStandardFonts()],
  // Preact's automatic JSX runtime (the same settings tsconfig.json gives `tsc`).
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ (Debian 12) and current browsers.
    target: "es2022",
    assetsInlineLimit: 0,
    // pdf.js alone is most of the bundle; it is loaded only when a PDF is opened.
    chunkSizeWarningLimit: 2048,
  },
});
