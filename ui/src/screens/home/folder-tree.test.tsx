import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import type { DocsPage, FolderNode } from "../../lib/backend";
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

const page = (total: number, from: number, count: number): DocsPage => ({
  total,
  offset: 0,
  documents: Array.from({ length: count }, (_, i) => ({
    id: from + i,
    date: "2001-05-14",
    kind: "email",
    title: `Message ${from + i}`,
    from: "steven.kean@enron.com",
    to: null,
    custodians: [],
    tags: [],
    exhibit: null,
    review: "unreviewed",
    reviewed_by: null,
    reviewed_at: null,
    size: 1000,
    parent: null,
  })),
});

function renderPanel(backend: ScriptedBackend) {
  return render(
    <BackendContext.Provider value={backend}>
      <FolderPanel generation={0} />
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

  test("choosing a folder lists its documents newest first, a page at a time, through docs --folder", async () => {
    const backend = new ScriptedBackend({
      folders: () => TREE,
      docs: (args) => page(91, 1, Math.min(args.limit ?? 0, 91)),
    });
    renderPanel(backend);
    fireEvent.click(await screen.findByRole("button", { name: "inbox" }));
    const list = await screen.findByRole("list", { name: "Documents in kean-s/inbox" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(50);
    expect(screen.getByRole("heading", { name: "kean-s/inbox: 91 documents, newest first" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "inbox" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Show 41 more" }));
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Documents in kean-s/inbox" })).getAllByRole("listitem")).toHaveLength(91));
    expect(backend.argsOf("docs")).toEqual([
      { folder: "kean-s/inbox", limit: 50, sort: "-date" },
      { folder: "kean-s/inbox", limit: 100, sort: "-date" },
    ]);
    expect(screen.queryByRole("button", { name: /more/ })).toBeNull();
  });

  test("a case without folders shows no folder section", async () => {
    const backend = new ScriptedBackend({ folders: () => [] });
    renderPanel(backend);
    await waitFor(() => expect(backend.argsOf("folders")).toEqual([{}]));
    expect(screen.queryByRole("heading", { name: "Folders" })).toBeNull();
  });

  test("the folders leading to a chosen one are opened so that it shows", () => {
    expect(ancestorsOf("kean-s/inbox/enron_mentions")).toEqual(["kean-s", "kean-s/inbox"]);
    expect(ancestorsOf(undefined)).toEqual([]);
  });
});
