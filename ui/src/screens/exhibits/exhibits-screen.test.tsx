import { afterEach, describe, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { BackendContext, CaseContext } from "../../app/context";
import type { CaseSummary } from "../../lib/backend";
import { desktopDropTarget, ScriptedBackend, type Handlers } from "../../testing/scripted-backend";
import type { ExhibitView } from "./commands";
import { ExhibitsScreen } from "./exhibits-screen";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const summary: CaseSummary = { name: "Linkwise privacy matter", path: "/cases/l", documents: 18, by_kind: [], schema_version: 5, review: [] };

const exhibit = (number: string, doc: number, withdrawn: string | null): ExhibitView => ({
  number,
  doc,
  bates_begin: `DOSS-00000${doc}`,
  bates_end: `DOSS-00000${doc + 1}`,
  pages: 2,
  title: `Document ${doc} title`,
  date: "2024-10-02",
  sha256: "ab",
  designation: null,
  events: ["8: Tran v. Linkwise filed"],
  withdrawn_at: withdrawn,
});

function renderScreen(handlers: Handlers) {
  const backend = new ScriptedBackend({ docs: () => [], timeline: () => ({ format: "html", media_type: "text/html", content: "<html><head></head><body>report</body></html>" }), ...handlers });
  render(
    <BackendContext.Provider value={backend}>
      <CaseContext.Provider value={{ summary, refresh: () => Promise.resolve() }}>
        <ExhibitsScreen params={{}} query={new URLSearchParams()} />
      </CaseContext.Provider>
    </BackendContext.Provider>,
  );
  return backend;
}

describe("the exhibits screen", () => {
  test("lists exhibits with their Bates ranges and events; a withdrawn one keeps its number", async () => {
    renderScreen({ exhibits: () => [exhibit("PX-0001", 5, null), exhibit("PX-0002", 7, "2024-11-01T10:00:00Z")] });
    const table = await screen.findByRole("table", { name: "Exhibit list (1 standing)" });
    const first = screen.getByRole("row", { name: /PX-0001/ });
    expect(first.textContent).toContain("DOSS-000005–DOSS-000006");
    expect(first.querySelector("a[href='#/timeline?event=8']")?.textContent).toBe("8: Tran v. Linkwise filed");
    expect(screen.getByRole("row", { name: /PX-0002/ }).textContent).toContain("withdrawn 2024-11-01");
    expect(table.querySelectorAll("button")).toHaveLength(1);
  });

  test("withdrawing an exhibit sends the document and says its number stays reserved", async () => {
    const backend = renderScreen({ exhibits: () => [exhibit("PX-0001", 5, null)], exhibit: () => exhibit("PX-0001", 5, "2024-11-01") });
    fireEvent.click(await screen.findByRole("button", { name: "Withdraw PX-0001" }));
    expect(await screen.findByText(/Withdrew PX-0001; its number and Bates range stay reserved/)).toBeTruthy();
    expect(backend.argsOf("exhibit")).toEqual([{ doc: 5, withdraw: true }]);
  });

  test("a document becomes the next exhibit with only the fields given", async () => {
    const backend = renderScreen({
      exhibits: () => [],
      docs: () => [{ id: 5, kind: "filing", title: "Complaint", date: null, sha256: "ab", parent: null }],
      exhibit: () => exhibit("PX-0001", 5, null),
    });
    await screen.findByRole("option", { name: /5: Complaint/ });
    fireEvent.input(screen.getByLabelText("Designation"), { target: { value: "Plaintiff" } });
    fireEvent.click(screen.getByRole("button", { name: "Make exhibit" }));
    expect(await screen.findByText("Document 5 is PX-0001, Bates DOSS-000005–DOSS-000006.")).toBeTruthy();
    expect(backend.argsOf("exhibit")).toEqual([{ doc: 5, designation: "Plaintiff" }]);
  });

  test("an export is fetched in its format and saved as a file named after the case", async () => {
    const clicked: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href });
    });
    const backend = renderScreen({ exhibits: (args) => (args.format === "dat" ? { format: "dat", media_type: "application/octet-stream", content: "þDOCIDþ\r\n" } : []) });
    fireEvent.click(await screen.findByRole("button", { name: "Concordance load file (DAT)" }));
    expect(await screen.findByText(/^Saved Linkwise privacy matter-exhibits\.dat \(\d+ bytes\)\.$/)).toBeTruthy();
    expect(backend.argsOf("exhibits")).toContainEqual({ format: "dat" });
    expect(clicked).toEqual([{ name: "Linkwise privacy matter-exhibits.dat", href: expect.stringMatching(/^blob:/) }]);
  });

  test("in the desktop app an export goes through the native save dialog, unchanged, and the path is reported", async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click");
    const saved: { name: string; contents: string }[] = [];
    const content = "þDOCIDþ\r\nþPX-0001þ\r\n";
    const backend = renderScreen({ exhibits: (args) => (args.format === "dat" ? { format: "dat", media_type: "application/octet-stream", content } : []) });
    backend.desktop = {
      ...desktopDropTarget().actions,
      saveExport: (name, contents) => {
        saved.push({ name, contents });
        return Promise.resolve({ path: `/home/me/exports/${name}`, size: 19 });
      },
    };
    fireEvent.click(await screen.findByRole("button", { name: "Concordance load file (DAT)" }));
    expect(await screen.findByText("Saved /home/me/exports/Linkwise privacy matter-exhibits.dat (19 bytes).")).toBeTruthy();
    expect(saved).toEqual([{ name: "Linkwise privacy matter-exhibits.dat", contents: content }]);
    expect(click).not.toHaveBeenCalled();
  });

  test("the chronology report is previewed in a frame that may run no script", async () => {
    renderScreen({ exhibits: () => [] });
    const frame = await screen.findByTitle("Chronology report preview");
    expect(frame.getAttribute("sandbox")).toBe("");
    await waitFor(() => expect(frame.getAttribute("srcdoc")).toContain("Content-Security-Policy"));
    expect(frame.getAttribute("srcdoc")).toContain("<body>report</body>");
  });
});
