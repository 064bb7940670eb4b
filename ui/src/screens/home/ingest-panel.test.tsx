import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import { BackendError, type IngestOutput } from "../../lib/backend";
import { ScriptedBackend } from "../../testing/scripted-backend";
import { IngestPanel } from "./ingest-panel";

afterEach(cleanup);

describe("adding evidence from a browser", () => {
  test("the typed paths are ingested with live progress, then the result and each failure with its reason", async () => {
    let finish: (out: IngestOutput) => void = () => undefined;
    const backend = new ScriptedBackend({ ingest: () => new Promise<IngestOutput>((resolve) => (finish = resolve)) });
    let ingested = 0;
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => ingested++} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), {
      target: { value: "/evidence/mail.mbox\n\n /evidence/filings \n" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(backend.argsOf("ingest")).toEqual([{ paths: ["/evidence/mail.mbox", "/evidence/filings"] }]));

    backend.emit({ event: "progress", phase: "ingest", done: 3, total: 4, item: "/evidence/filings/a.pdf" });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Reading and extracting: 3 of 4 (a.pdf)"));
    const bar = screen.getByLabelText("Ingest progress") as HTMLProgressElement;
    expect(bar.hidden).toBe(false);
    expect([bar.value, bar.max]).toEqual([3, 4]);

    backend.emit({ event: "progress", phase: "index", done: 120, total: 300, item: null });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Making the new documents searchable: 120 of 300"));
    expect([bar.value, bar.max]).toEqual([120, 300]);

    finish({
      added: 3,
      duplicates: 0,
      failed: [{ path: "/evidence/filings/broken.pdf", error: "not a PDF: no %PDF header" }],
      skipped: [],
      documents: [19, 20, 21],
    });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Added 3, already in the case 0, failed 1, skipped 0."));
    expect(screen.getByRole("list", { name: "Items that could not be ingested" }).textContent).toBe(
      "/evidence/filings/broken.pdf: not a PDF: no %PDF header",
    );
    expect(bar.hidden).toBe(true);
    expect(ingested).toBe(1);
  });

  test("Only and Exclude patterns, and a policy series with its address, go with the ingest as the CLI sends them", async () => {
    const backend = new ScriptedBackend({
      ingest: () =>
        Promise.resolve({
          added: 18,
          duplicates: 0,
          failed: [],
          skipped: [],
          documents: [],
          series: { name: "LinkedIn privacy", captures: 18, observations: 0, already_recorded: 0 },
        }),
    });
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => undefined} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Only (comma-separated patterns, such as *.eml, **/inbox/**)"), { target: { value: "*.md" } });
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), { target: { value: "/corpus/linkedin" } });
    fireEvent.click(screen.getByRole("checkbox", { name: /dated captures of one web page/ }));
    const add = screen.getByRole("button", { name: "Add" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText("Series name"), { target: { value: " LinkedIn privacy " } });
    fireEvent.input(screen.getByLabelText("Page address (optional)"), { target: { value: "https://www.linkedin.com/legal/privacy-policy" } });
    expect(add.disabled).toBe(false);
    fireEvent.click(add);
    await waitFor(() =>
      expect(backend.argsOf("ingest")).toEqual([
        { paths: ["/corpus/linkedin"], include: ["*.md"], series: "LinkedIn privacy", url: "https://www.linkedin.com/legal/privacy-policy" },
      ]),
    );
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Added 18, already in the case 0, failed 0, skipped 0. Recorded 18 captures of the policy series “LinkedIn privacy”.",
      ),
    );
    expect(screen.getByRole("link", { name: "Open the policy series “LinkedIn privacy”" }).getAttribute("href")).toBe("#/policy/LinkedIn%20privacy");
  });

  test("the patterns typed in Exclude go with the ingest and excluded files are counted as skipped", async () => {
    const backend = new ScriptedBackend({
      ingest: () =>
        Promise.resolve({
          added: 18,
          duplicates: 0,
          failed: [],
          skipped: [{ path: "/evidence/policy/versions.csv", error: "excluded by --exclude *.csv" }],
          documents: [],
        }),
    });
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => undefined} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Exclude (comma-separated patterns, such as *.json, *.csv)"), {
      target: { value: " *.json,, *.csv " },
    });
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), {
      target: { value: "/evidence/policy" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() =>
      expect(backend.argsOf("ingest")).toEqual([{ paths: ["/evidence/policy"], exclude: ["*.json", "*.csv"] }]),
    );
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Added 18, already in the case 0, failed 0, skipped 1."),
    );
  });

  test("a document whose text could not be extracted is counted as failed and links to the kept original", async () => {
    const backend = new ScriptedBackend({
      ingest: () =>
        Promise.resolve({
          added: 2,
          duplicates: 0,
          failed: [
            {
              path: "/evidence/scan.pdf",
              error: "no text could be read from any of its 2 pages: scanned images without a text layer (needs OCR)",
              document: 7,
            },
          ],
          skipped: [],
          documents: [6, 7],
        }),
    });
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => undefined} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), {
      target: { value: "/evidence" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Added 2, already in the case 0, failed 1 (1 kept without text), skipped 0.",
      ),
    );
    const failures = screen.getByRole("list", { name: "Items that could not be ingested" });
    expect(failures.textContent).toContain("/evidence/scan.pdf: no text could be read from any of its 2 pages");
    const link = screen.getByRole("link", { name: "the original is kept as document 7" });
    expect(link.getAttribute("href")).toBe("#/doc/7");
  });

  test("a server that may read no path says how to allow a folder, in place of the form", async () => {
    const backend = new ScriptedBackend({
      ingest: () =>
        Promise.reject(
          new BackendError(
            "path_reading_off",
            "reading files by path is off in this server: restart it as `dossier serve CASE --allow-path DIR` to allow the files under DIR",
          ),
        ),
    });
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => undefined} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), {
      target: { value: "/etc/passwd" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    const note = await screen.findByRole("note");
    expect(note.textContent).toContain("dossier serve CASE --allow-path DIR");
    expect(screen.queryByLabelText("Files or folders on this machine, one path a line")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("");
  });

  test("a failed item's name from an email shows its hidden characters as escapes", async () => {
    const backend = new ScriptedBackend({
      ingest: () =>
        Promise.resolve({
          added: 1,
          duplicates: 0,
          failed: [{ path: "/mail/x.eml#attachment=1/report\u202efdp.exe", error: "cannot read it" }],
          skipped: [],
          documents: [1],
        }),
    });
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => undefined} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), {
      target: { value: "/mail/x.eml" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() =>
      expect(screen.getByRole("list", { name: "Items that could not be ingested" }).textContent).toBe(
        "/mail/x.eml#attachment=1/report\\u{202e}fdp.exe: cannot read it",
      ),
    );
  });

  test("an ingest the search index could not follow says so beside what was added", async () => {
    const backend = new ScriptedBackend({
      ingest: () =>
        Promise.resolve({
          added: 2,
          duplicates: 0,
          failed: [],
          skipped: [],
          documents: [1, 2],
          index_error: "another process is writing the search index",
        }),
    });
    render(
      <BackendContext.Provider value={backend}>
        <IngestPanel onIngested={() => undefined} />
      </BackendContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText("Files or folders on this machine, one path a line"), {
      target: { value: "/evidence" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Added 2, already in the case 0, failed 0, skipped 0. The search index could not follow yet " +
          "(the next search catches up): another process is writing the search index",
      ),
    );
  });
});
