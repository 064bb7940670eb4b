import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * Copies the data pdf.js loads on demand from node_modules/pdfjs-dist into dist/pdfjs/, where the
 * viewer tells pdf.js to find it (src/screens/document/pdf-document.ts, PDFJS_DATA): served from
 * 'self', as the CSP asks.
 * - standard_fonts/: the base-14 fonts PDFs use without embedding them;
 * - cmaps/: the predefined CJK CMaps (UniJIS-UTF16-H, GBK-EUC-H…) that CJK PDFs name instead of
 *   embedding;
 * - wasm/: the JPEG 2000 (OpenJPEG), JBIG2 and ICC (qcms) decoders, and OpenJPEG's plain-JS
 *   fallback for a window that refuses WebAssembly;
 * - iccs/: the CMYK profile pdf.js converts CMYK images with.
 */
function pdfjsData(): Plugin {
  const folders = ["standard_fonts", "cmaps", "wasm", "iccs"];
  return {
    name: "dossier-pdfjs-data",
    apply: "build",
    generateBundle() {
      for (const folder of folders) {
        const from = fileURLToPath(new URL(`node_modules/pdfjs-dist/${folder}/`, import.meta.url));
        for (const name of readdirSync(from)) {
          this.emitFile({ type: "asset", fileName: `pdfjs/${folder}/${name}`, source: readFileSync(from + name) });
        }
      }
    },
  };
}

// The desktop shell embeds dist/ (src-tauri/tauri.conf.json, build.frontendDist) and serves it
// under a strict CSP: no inline scripts or styles, so everything is emitted as files (the pdf.js
// worker too: it is bundled as its own file and started from 'self').
export default defineConfig({
  clearScreen: false,
  plugins: [pdfjsData()],
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
