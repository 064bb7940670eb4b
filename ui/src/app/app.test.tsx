import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { App } from "./app";
import { BackendError, type CaseSummary } from "../lib/backend";
import { ScriptedBackend, desktopDropTarget } from "../testing/scripted-backend";
import { CaseHome } from "../screens/home/case-home";
import type { RouteDefinition } from "./router";

const summary: CaseSummary = {
  name: "Linkwise privacy matter",
  path: "/cases/Linkwise privacy matter",
  documents: 18,
  by_kind: [{ kind: "email", count: 5 }],
  schema_version: 5,
  review: [],
};

function Probe({ params }: { params: Record<string, string> }) {
  return <p>probe screen {params["id"] ?? ""}</p>;
}
const routes: RouteDefinition[] = [
  { pattern: "", label: "Case", component: Probe, nav: true },
  { pattern: "thing/:id", label: "Thing", component: Probe },
  { pattern: "timeline", label: "Timeline", component: Probe, nav: true },
];

afterEach(() => {
  cleanup();
  window.location.hash = "";
});

describe("the app frame", () => {
  test("names the case in the one <h1> and the page title, with landmarks around the screen", async () => {
    render(<App backend={new ScriptedBackend({ summary: () => summary })} routes={routes} />);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveProperty("textContent", "Linkwise privacy matter");
    await waitFor(() => expect(document.title).toBe("Dossier — Linkwise privacy matter — 18 documents"));
    expect(screen.getByRole("banner")).toBeTruthy();
    expect(screen.getByRole("main")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect([...nav.querySelectorAll("a")].map((a) => a.textContent)).toEqual(["Case", "Timeline"]);
    expect(screen.getByRole("link", { name: "Case" }).getAttribute("aria-current")).toBe("page");
  });

  test("a registered route shows its screen with its params", async () => {
    window.location.hash = "#/thing/42";
    render(<App backend={new ScriptedBackend({ summary: () => summary })} routes={routes} />);
    expect(await screen.findByText("probe screen 42")).toBeTruthy();
  });

  test("an unknown route says so instead of showing nothing", async () => {
    window.location.hash = "#/nowhere";
    render(<App backend={new ScriptedBackend({ summary: () => summary })} routes={routes} />);
    expect(await screen.findByRole("heading", { name: "Nothing here" })).toBeTruthy();
  });

  test("without a case it says why, as an alert", async () => {
    const backend = new ScriptedBackend({
      summary: () => {
        throw new BackendError("no_case", "No case is open in this window.");
      },
    });
    render(<App backend={backend} routes={routes} />);
    expect((await screen.findByRole("alert")).textContent).toContain("No case is open in this window.");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("No case open");
    await waitFor(() => expect(document.title).toBe("Dossier — no case open"));
  });
});

describe("files dropped on the desktop window", () => {
  test("are ingested by the case home's panel even when another screen was showing", async () => {
    const backend = new ScriptedBackend({
      summary: () => summary,
      docs: () => ({ total: 0, offset: 0, documents: [] }),
      folders: () => [],
      activity: () => [],
      ingest: ({ paths }) => ({ added: paths.length, duplicates: 0, failed: [], skipped: [], documents: [19] }),
    });
    const { actions, drop, listening } = desktopDropTarget();
    backend.desktop = actions;
    window.location.hash = "#/thing/7";
    render(<App backend={backend} routes={[{ pattern: "", label: "Case", component: CaseHome, nav: true }, ...routes.slice(1)]} />);
    await screen.findByText("probe screen 7");
    await waitFor(() => expect(listening()).toBe(true));
    drop(["/evidence/new.pdf"]);
    await waitFor(() => expect(document.querySelector(".ingest-status")?.textContent).toBe("Added 1, already in the case 0, failed 0, skipped 0."));
    expect(window.location.hash).toBe("#/");
    expect(backend.argsOf("ingest")).toEqual([{ paths: ["/evidence/new.pdf"] }]);
  });
});
