// What every end-to-end test needs: a fresh copy of the sample case (`dossier demo`), the real
// `dossier serve` on it, headless Chromium on the UI it serves, and screenshots saved as test
// artifacts in $CARGO_TARGET_DIR/artifacts/ui/ (look at them: they are how the screens are checked
// by eye).

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";

const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = resolve(uiDir, "..");
const targetDir = process.env["CARGO_TARGET_DIR"] ?? join(homedir(), ".cache", "dossier", "target");
/** The `dossier` binary under test. */
export const dossierBin = process.env["DOSSIER_BIN"] ?? join(targetDir, "debug", "dossier");
/** Where screenshots go. */
export const artifactsDir = process.env["DOSSIER_UI_ARTIFACTS"] ?? join(targetDir, "artifacts", "ui");
/** Debian's Chromium; playwright never downloads a browser here. */
const chromiumPath = process.env["DOSSIER_CHROMIUM"] ?? "/usr/bin/chromium";

/** The name the sample case gets, which the app shows as its heading. */
export const CASE_NAME = "Linkwise privacy matter";

/** A running `dossier serve` on a fresh sample case. */
export interface Served {
  /** The URL it printed, with its token. */
  url: string;
  /** The case folder. */
  casePath: string;
  /** A scratch folder for files the test makes. */
  scratch: string;
  stop(): Promise<void>;
}

/**
 * Builds the sample case afresh in a temporary folder and serves it with the built UI, allowing
 * ingest by path under that folder only.
 */
export async function serveSampleCase(): Promise<Served> {
  const scratch = mkdtempSync(join(tmpdir(), "dossier-e2e-"));
  const casePath = join(scratch, CASE_NAME);
  execFileSync(dossierBin, ["demo", casePath, "--samples", join(repoDir, "samples")], { stdio: "pipe" });
  // The tests add files they write in the scratch folder by path: the one folder the server may read.
  const server = spawn(dossierBin, ["serve", casePath, "--ui-dir", join(uiDir, "dist"), "--allow-path", scratch], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await firstUrlLine(server);
  return {
    url,
    casePath,
    scratch,
    stop: async () => {
      await stopProcess(server);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Waits for the server's one line `http://127.0.0.1:PORT/?token=TOKEN`. */
function firstUrlLine(server: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`dossier serve printed no URL in 20 s; stderr: ${err}`)), 20_000);
    server.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("http://"));
      if (line !== undefined) {
        clearTimeout(timer);
        resolvePromise(line.trim());
      }
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dossier serve exited with ${code}: ${err}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolvePromise) => {
    child.once("exit", () => resolvePromise());
    child.kill("SIGTERM");
  });
}

/** Headless Chromium with a 1280x800 window, the size the app is designed for. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Errors on the page (uncaught exceptions, console errors such as CSP violations) fail a test.
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return { browser, page, problems };
}

/**
 * Opens the case home's "Add evidence, recent activity" fold, which starts folded on a case
 * with documents (the table opens first), unless it is open already.
 */
export async function openAddEvidence(page: Page): Promise<void> {
  const fold = page.locator("details.home-more");
  if (!(await fold.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await fold.locator("summary").click();
  }
}

/** Saves a screenshot of the page as `<name>.png` among the artifacts; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  // Let the last frame paint (pdf.js draws asynchronously, fonts load).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path });
  return path;
}
