import { afterEach, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import type { DesktopActions } from "../../lib/backend";
import { CaseActions } from "./case-actions";

afterEach(cleanup);

/** A desktop whose folder dialog answers `folder`, recording the cases created and opened. */
function desktop(folder: string | undefined) {
  const created: { path: string; name: string | undefined }[] = [];
  const opened: string[] = [];
  const actions = {
    pickFolder: () => Promise.resolve(folder),
    pickFiles: () => Promise.resolve([]),
    createCase: (path: string, name?: string) => {
      created.push({ path, name });
      return Promise.resolve({ case: path, name: name ?? "case" });
    },
    openCase: (path: string) => {
      opened.push(path);
      return Promise.resolve({});
    },
    recentCases: () => Promise.resolve([]),
    saveExport: () => Promise.resolve(undefined),
  } as unknown as DesktopActions;
  return { actions, created, opened };
}

test("a new case is asked its name first, then its folder, and opens under that name", async () => {
  const d = desktop("/matters/smith");
  let switched = 0;
  render(<CaseActions desktop={d.actions} onSwitched={() => switched++} />);
  expect(screen.queryByLabelText("Case name")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "New case…" }));
  fireEvent.input(screen.getByLabelText("Case name"), { target: { value: "  Smith v. Acme " } });
  fireEvent.click(screen.getByRole("button", { name: "Choose its folder and create" }));
  await waitFor(() => expect(d.opened).toEqual(["/matters/smith"]));
  expect(d.created).toEqual([{ path: "/matters/smith", name: "Smith v. Acme" }]);
  expect(switched).toBe(1);
});

test("a new case left unnamed takes its folder's name, and a cancelled folder dialog creates nothing", async () => {
  const cancelled = desktop(undefined);
  render(<CaseActions desktop={cancelled.actions} onSwitched={() => undefined} />);
  fireEvent.click(screen.getByRole("button", { name: "New case…" }));
  fireEvent.click(screen.getByRole("button", { name: "Choose its folder and create" }));
  await waitFor(() => expect(cancelled.created).toEqual([]));
  cleanup();

  const d = desktop("/matters/jones");
  render(<CaseActions desktop={d.actions} onSwitched={() => undefined} />);
  fireEvent.click(screen.getByRole("button", { name: "New case…" }));
  fireEvent.click(screen.getByRole("button", { name: "Choose its folder and create" }));
  await waitFor(() => expect(d.created).toEqual([{ path: "/matters/jones", name: undefined }]));
});
