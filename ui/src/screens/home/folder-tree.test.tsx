import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import type { FolderNode } from "../../lib/backend";
import { ScriptedBackend } from "../../testing/scripted-backend";
import { FolderPanel, ancestorsOf } from "./folder-tree";

afterEach(cleanup);

const folder = (path: string, documents: number, children: FolderNode[] = []): FolderNode => ({
  name: path.split("/").pop() ?? path,
  path,
  documents,
  total: documents + children.reduce((n, c) => n + c.total, 0),
  children,
});

/** Enron's kean-s as `folders` gives it, and an mbox file as a folder of its messages. */
const TREE = [folder("kean-s", 0, [folder("kean-s/inbox", 76, [folder("kean-s/inbox/enron_mentions", 15)])]), folder("simple.mbox", 3)];

function renderPanel(backend: ScriptedBackend, chosen?: string, onChoose: (path: string | undefined) => void = () => {}) {
  return render(
    <BackendContext.Provider value={backend}>
      <FolderPanel chosen={chosen} generation={0} onChoose={onChoose} />
    </BackendContext.Provider>,
  );
}

describe("a mailbox's folders", () => {
  test("the tree shows each folder with what it and its subfolders hold; a subfolder opens on demand", async () => {
    renderPanel(new ScriptedBackend({ folders: () => TREE }));
    const tree = await screen.findByRole("tree", { name: "Folders" });
    const kean = within(tree).getByRole("treeitem", { name: "kean-s" });
    expect(kean.getAttribute("aria-expanded")).toBe("true");
    const inbox = within(kean).getByRole("treeitem", { name: "inbox" });
    expect(inbox.textContent).toContain("91");
    expect(within(inbox).queryByRole("treeitem", { name: "enron_mentions" })).toBeNull();
    fireEvent.click(within(inbox).getByRole("button", { name: "Open inbox" }));
    expect(within(inbox).getByRole("treeitem", { name: "enron_mentions" }).textContent).toContain("15");
    expect(within(tree).getByRole("treeitem", { name: "simple.mbox" }).textContent).toContain("3");
  });

  test("choosing a folder filters the table by it; choosing it again clears the filter", async () => {
    const chosen: (string | undefined)[] = [];
    renderPanel(new ScriptedBackend({ folders: () => TREE }), undefined, (path) => chosen.push(path));
    fireEvent.click(await screen.findByRole("button", { name: "inbox" }));
    cleanup();
    renderPanel(new ScriptedBackend({ folders: () => TREE }), "kean-s/inbox", (path) => chosen.push(path));
    const inbox = await screen.findByRole("button", { name: "inbox" });
    expect(inbox.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(inbox);
    expect(chosen).toEqual(["kean-s/inbox", undefined]);
  });

  test("a case without folders shows no folder section", async () => {
    const backend = new ScriptedBackend({ folders: () => [] });
    renderPanel(backend);
    await waitFor(() => expect(backend.argsOf("folders")).toEqual([{}]));
    expect(screen.queryByText("Folders")).toBeNull();
  });

  test("the folders leading to a chosen one are opened so that it shows", () => {
    expect(ancestorsOf("kean-s/inbox/enron_mentions")).toEqual(["kean-s", "kean-s/inbox"]);
    expect(ancestorsOf(undefined)).toEqual([]);
  });
});
