import { afterEach, describe, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import type { SearchBatchRequest } from "../../lib/backend";
import { desktopDropTarget, ScriptedBackend } from "../../testing/scripted-backend";
import { BatchSearchScreen } from "./batch-screen";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const counts = (request: SearchBatchRequest) =>
  request.format === "csv"
    ? { format: "csv", media_type: "text/csv", content: "query,total,error\r\npower,12,\r\n" }
    : [
        { query: "power", total: 12, error: null },
        { query: "power AND (", total: null, error: "cannot read the query" },
      ];

function renderScreen(): ScriptedBackend {
  const backend = new ScriptedBackend({ search_batch: counts });
  render(
    <BackendContext.Provider value={backend}>
      <BatchSearchScreen />
    </BackendContext.Provider>,
  );
  return backend;
}

describe("batch search", () => {
  test("each pasted term gets its count, a bad one its error, and each opens its hits", async () => {
    const backend = renderScreen();
    fireEvent.input(screen.getByLabelText(/one query per line/), { target: { value: "power\n# skipped by the case\npower AND (" } });
    fireEvent.click(screen.getByRole("button", { name: "Count each" }));
    expect(await screen.findByRole("cell", { name: "12" })).toBeTruthy();
    expect(screen.getByText("cannot read the query")).toBeTruthy();
    expect(screen.getByRole("link", { name: "power" }).getAttribute("href")).toBe("#/search?q=power");
    expect(screen.getByRole("link", { name: "power AND (" }).getAttribute("href")).toBe("#/search?q=power+AND+%28");
    expect(backend.argsOf("search_batch")).toEqual([{ queries: ["power", "# skipped by the case", "power AND ("] }]);
  });

  test("the counts export as the CSV the case writes, through the save path", async () => {
    const backend = renderScreen();
    const saves: string[] = [];
    backend.desktop = {
      ...desktopDropTarget().actions,
      saveExport: (name, contents) => {
        saves.push(contents);
        return Promise.resolve({ path: `/exports/${name}`, size: contents.length });
      },
    };
    fireEvent.input(screen.getByLabelText(/one query per line/), { target: { value: "power" } });
    fireEvent.click(screen.getByRole("button", { name: "Count each" }));
    fireEvent.click(await screen.findByRole("button", { name: "Export counts (CSV)" }));
    expect(await screen.findByText(/^Saved \/exports\/case-batch-search\.csv \(30 bytes\)\.$/)).toBeTruthy();
    expect(saves).toEqual(["query,total,error\r\npower,12,\r\n"]);
    expect(backend.argsOf("search_batch")[1]).toEqual({ queries: ["power"], format: "csv" });
  });
});
