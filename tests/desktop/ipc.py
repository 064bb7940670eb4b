#!/usr/bin/env python3
"""Drives the real Dossier desktop window through WebKitWebDriver and checks, inside it:

1. the page shows the case name as its heading;
2. every command of the api surface answers through Tauri IPC, through the window's one surface
   command `call` (none is unknown to the shell), and `create_case` creates a case;
3. dropping a folder on the window (Tauri's `tauri://drag-drop` event, emitted from the page)
   runs the UI's own ingest flow: one `dossier://progress` event per item reaches the page,
   the result is reported, and the summary shows the new documents;
4. a screenshot of the window is saved as a test artifact;
5. a PDF (the sample complaint) opens in the document viewer: pdf.js draws the page asked for in
   WebKitGTK, under the window's CSP, with the quote asked for highlighted on it, its spans set
   in the page's own fonts (the bundled standard fonts loaded from 'self'); a second screenshot,
   SCREENSHOT with `-pdf` before `.png`, shows it;
6. the desktop-only `save_export` command writes an export's text to the path given, byte for byte.

usage: xvfb-run -a python3 tests/desktop/ipc.py APP CLI CASE FOLDER SCREENSHOT

APP is the desktop binary and CLI the `dossier` binary, whose subcommands name the api surface
(a CLI test holds them equal to `dossier_api::COMMANDS`). CASE must be an empty case; FOLDER
holds the files to drop on the window.

The WebDriver session is always deleted (which closes the app), and the driver stopped.
Only the standard library is used.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = float(os.environ.get("DOSSIER_WEBDRIVER_TIMEOUT", "60"))


def fail(message):
    print(f"desktop ipc: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            fail(f"WebDriver {method} {path}: {e.code} {e.read().decode(errors='replace')}")

    def wait_ready(self, process):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                fail("WebKitWebDriver exited at start")
            try:
                with urllib.request.urlopen(self.base + "/status", timeout=2) as r:
                    if json.loads(r.read())["value"].get("ready"):
                        return
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.2)
        fail("WebKitWebDriver did not become ready")

    def start(self, app, case):
        caps = {"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": {"binary": app, "args": [case]}}}}
        self.session = self.request("POST", "/session", caps)["value"]["sessionId"]

    def script(self, source, *args):
        return self.request("POST", f"/session/{self.session}/execute/sync",
                            {"script": source, "args": list(args)})["value"]

    def async_script(self, source, *args):
        return self.request("POST", f"/session/{self.session}/execute/async",
                            {"script": source, "args": list(args)})["value"]

    def wait_for(self, source, what):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            value = self.script(source)
            if value:
                return value
            time.sleep(0.2)
        fail(f"timed out waiting for {what}")

    def close(self):
        if self.session is not None:
            try:
                self.request("DELETE", f"/session/{self.session}")
            finally:
                self.session = None


# Calls every surface command the way the UI's backend does (the one Tauri command `call`, with
# the command's name and arguments), and creates a case through the desktop's own `create_case`;
# returns {command: error code or "ok"}.
CALL_EVERY_COMMAND = """
const [commands, probeCase, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const args = {ingest: {paths: []}, show: {doc: 1}};
const results = {};
(async () => {
  for (const command of commands) {
    try {
      await window.__TAURI__.core.invoke("call", {command, args: args[command] ?? {}});
      results[command] = "ok";
    } catch (e) {
      results[command] = (e && e.code) || String(e);
    }
  }
  try {
    await window.__TAURI__.core.invoke("create_case", {path: probeCase});
    results.create_case = "ok";
  } catch (e) {
    results.create_case = (e && e.code) || String(e);
  }
  done(results);
})();
"""

# Records progress events in the page, then drops `folder` on the window as Tauri would.
DROP_FOLDER = """
const [folder, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  window.__progress = [];
  await window.__TAURI__.event.listen("dossier://progress", (e) => window.__progress.push(e.payload));
  await window.__TAURI__.event.emit("tauri://drag-drop", {paths: [folder], position: {x: 10, y: 10}});
  done(true);
})();
"""


# A PDF of the sample matter, and a quote on one of its pages (split across two lines there).
SAMPLE_PDF = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "..", "..", "samples", "sources", "filings", "complaint.pdf")
PDF_PAGE = 8
PDF_QUOTE = "violated the Stored Communications Act"

# Ingests one file through IPC as the UI's backend does; answers its document id or the error.
INGEST = """
const [path, done] = [arguments[0], arguments[arguments.length - 1]];
window.__TAURI__.core.invoke("call", {command: "ingest", args: {paths: [path]}})
  .then((out) => done(out.documents[0]), (e) => done((e && e.message) || String(e)));
"""

# Saves an export through the desktop-only command the UI calls after the native save dialog.
SAVE_EXPORT = """
const [path, contents, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
window.__TAURI__.core.invoke("save_export", {path, contents})
  .then((size) => done(size), (e) => done((e && e.message) || String(e)));
"""
EXPORT_TEXT = "date,event\r\n2024-06-11,\"Linkwise agrees to pay \u20ac6\u2009M \u2014 \u00feDOCID\u00fe\"\r\n"

# The font families of the text-layer spans that hold the quote's marks.
QUOTE_SPAN_FONTS = """
return [...document.querySelectorAll('.textLayer mark.quote')].map((m) => m.parentElement.style.fontFamily);
"""

# The viewer's state: the number of quote marks once the page is drawn, the error it shows, or null.
PDF_SHOWN = """
const error = document.querySelector('.error-text');
if (error) return error.textContent;
const drawn = document.querySelector('.pdf-page[data-rendered-page="PAGE"]');
const marks = document.querySelectorAll('.textLayer mark.quote').length;
return drawn && marks > 0 ? marks : null;
"""


def screenshot_display(path):
    """Saves the X display (the app's window under Xvfb) as a PNG, as smoke.sh does.

    Not WebDriver's screenshot: WebKitGTK 2.50's snapshot (compositing disabled, as here) never
    answers while the page fits the window without scrolling, which a short screen does."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    subprocess.run(["import", "-window", "root", path], check=True, timeout=TIMEOUT)


def surface_commands(cli):
    """The api commands, as the CLI lists them (kebab-case there, snake_case over IPC)."""
    help_text = subprocess.run([cli, "--help"], capture_output=True, text=True, check=True).stdout
    lines = help_text.split("Commands:", 1)[1].splitlines()[1:]
    names = []
    for line in lines:
        if not line.startswith("  "):
            break
        name = line.split()[0]
        # `serve` is the transport, `demo` a CLI-only first-run command, and `completions` and
        # `man` describe the CLI itself; none is on IPC. The CLI groups the two timestamp
        # commands as `timestamp request|import`.
        if name == "timestamp":
            names += ["timestamp_request", "timestamp_import"]
        elif name not in ("help", "serve", "demo", "completions", "man"):
            names.append(name.replace("-", "_"))
    return names


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    app, cli, case, folder, shot = (os.path.abspath(a) for a in sys.argv[1:])
    expected_items = sum(len(files) for _, _, files in os.walk(folder))
    case_name = os.path.basename(case)
    commands = surface_commands(cli)

    port = free_port()
    env = dict(os.environ, TAURI_WEBVIEW_AUTOMATION="true",
               WEBKIT_DISABLE_DMABUF_RENDERER="1", WEBKIT_DISABLE_COMPOSITING_MODE="1")
    process = subprocess.Popen(["WebKitWebDriver", f"--port={port}"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = Driver(port)
    try:
        driver.wait_ready(process)
        driver.start(app, case)
        heading = driver.wait_for(
            "const h = document.querySelector('h1'); return h && h.textContent;", "the case heading")
        if heading != case_name:
            fail(f"the heading shows {heading!r}, expected the case name {case_name!r}")
        print(f"desktop ipc: heading shows the case name: {heading}")

        probe_case = os.path.join(os.path.dirname(case), "probe-case-created-by-init")
        answers = driver.async_script(CALL_EVERY_COMMAND, commands, probe_case)
        if answers.get("create_case") != "ok" or not os.path.isfile(os.path.join(probe_case, "dossier.sqlite")):
            fail(f"create_case through IPC did not create the case: {answers.get('create_case')}")
        unknown = [c for c, r in answers.items() if "not found" in r or "unknown" in r]
        if unknown or set(answers) != set(commands) | {"create_case"}:
            fail(f"commands not exposed by the desktop shell: {unknown or answers}")
        print(f"desktop ipc: all {len(commands)} surface commands answer: {answers}")

        driver.async_script(DROP_FOLDER, folder)
        title = f"Dossier — {case_name} — {expected_items} document"
        driver.wait_for(f"return document.title.startsWith({json.dumps(title)})",
                        f"the title {title!r} after the drop")
        status = driver.script("return document.querySelector('.ingest-status').textContent")
        if not status.startswith(f"Added {expected_items},"):
            fail(f"the ingest panel reports {status!r}")
        progress = [e for e in driver.script("return window.__progress")
                    if e.get("event") == "progress" and e.get("phase") == "ingest"]
        if len(progress) != expected_items or progress[-1]["done"] != expected_items:
            fail(f"expected {expected_items} progress events ending at {expected_items}, got {progress}")
        print(f"desktop ipc: dropped folder ingested with {len(progress)} progress events: {status}")
        time.sleep(0.5)  # WebKit paints a frame or two after the DOM changes
        screenshot_display(shot)

        doc = driver.async_script(INGEST, SAMPLE_PDF)
        if not isinstance(doc, int):
            fail(f"cannot ingest {SAMPLE_PDF}: {doc}")
        driver.script("location.hash = arguments[0]; return true",
                      f"#/doc/{doc}?page={PDF_PAGE}&quote={urllib.parse.quote(PDF_QUOTE)}")
        marks = driver.wait_for(PDF_SHOWN.replace("PAGE", str(PDF_PAGE)), "the PDF page with the quote")
        if not isinstance(marks, int):
            fail(f"the PDF viewer failed: {marks}")
        print(f"desktop ipc: PDF page {PDF_PAGE} drawn by pdf.js, the quote highlighted in {marks} marks")
        fonts = driver.script(QUOTE_SPAN_FONTS)
        if not fonts or not all(f.lstrip('"').startswith("g_d") for f in fonts):
            fail(f"the quote's spans are not in the page's own fonts: {fonts}")
        print(f"desktop ipc: the quote's spans use the page's fonts: {fonts}")
        time.sleep(0.5)
        root, ext = os.path.splitext(shot)
        screenshot_display(f"{root}-pdf{ext}")

        export_path = os.path.join(os.path.dirname(case), "saved export.csv")
        size = driver.async_script(SAVE_EXPORT, export_path, EXPORT_TEXT)
        with open(export_path, "rb") as saved:
            written = saved.read()
        if written != EXPORT_TEXT.encode() or size != len(written):
            fail(f"save_export wrote {written!r} ({size}), expected {EXPORT_TEXT.encode()!r}")
        print(f"desktop ipc: save_export wrote the export byte for byte ({size} bytes) to {export_path}")
        print(f"desktop ipc: PASS, screenshot at {shot}")
    finally:
        driver.close()
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
