// A mailbox's folders: the tree of what was ingested (Enron's `lay-k/inbox`, an mbox file as a
// folder of its messages), each folder with how many documents it and the folders below it
// hold (`folders`). `FolderTree` is the tree alone, for any list to filter by (`docs --folder`);
// `FolderPanel` pairs it with the chosen folder's first documents, as the case home shows it.

import "./folder-tree.css";
import { useState } from "preact/hooks";
import type { DocsPage, FolderNode } from "../../lib/backend";
import { useCommand } from "../../app/use-command";
import { countOf, dayOf, formatNumber } from "../../app/format";
import { documentHref } from "../../app/links";
import { visible } from "../../lib/text/visible";

/** How many documents of the chosen folder the panel lists at a time. */
export const FOLDER_PAGE = 50;

/** The folders leading to `path` (`a`, `a/b` for `a/b/c`): opened so that it shows. */
export function ancestorsOf(path: string | undefined): string[] {
  if (path === undefined) {
    return [];
  }
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/**
 * The folder tree, every folder a button that chooses it (pressed when chosen) and a toggle that
 * opens its subfolders; a top folder with subfolders starts open.
 */
export function FolderTree({ folders, chosen, onChoose }: { folders: FolderNode[]; chosen: string | undefined; onChoose: (path: string | undefined) => void }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set([...folders.map((f) => f.path), ...ancestorsOf(chosen)]));
  const toggle = (path: string): void =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(path)) {
        next.add(path);
      }
      return next;
    });
  const branch = (nodes: FolderNode[], depth: number) => (
    <ul role={depth === 0 ? "tree" : "group"} aria-label={depth === 0 ? "Folders" : undefined} class="folder-tree">
      {nodes.map((f) => {
        const expanded = f.children.length > 0 ? open.has(f.path) : undefined;
        return (
          <li key={f.path} role="treeitem" aria-expanded={expanded} aria-selected={chosen === f.path} aria-label={f.name}>
            {f.children.length > 0 ? (
              <button type="button" class="folder-toggle link" aria-label={`${expanded === true ? "Close" : "Open"} ${f.name}`} onClick={() => toggle(f.path)}>
                {expanded === true ? "▾" : "▸"}
              </button>
            ) : (
              <span class="folder-toggle" aria-hidden="true" />
            )}
            <button type="button" class="folder-name link" aria-pressed={chosen === f.path} onClick={() => onChoose(chosen === f.path ? undefined : f.path)} title={f.path}>
              {visible(f.name)}
            </button>{" "}
            <span class="muted" title={f.documents === f.total ? undefined : `${formatNumber(f.documents)} directly in it`}>
              {formatNumber(f.total)}
            </span>
            {expanded === true && branch(f.children, depth + 1)}
          </li>
        );
      })}
    </ul>
  );
  return branch(folders, 0);
}

/**
 * The case home's "Folders" section: the tree, and the chosen folder's documents (with the
 * folders below it) a page at a time. Shows nothing for a case without folders.
 */
export function FolderPanel({ generation }: { generation: number }) {
  const tree = useCommand("folders", {}, `folders ${generation}`);
  const [chosen, setChosen] = useState<string | undefined>();
  if (tree.status === "failed") {
    return <p role="alert">Cannot list the folders: {tree.error.message}</p>;
  }
  if (tree.status !== "done" || tree.output.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="folders-heading" class="folders">
      <h2 id="folders-heading">Folders</h2>
      <FolderTree folders={tree.output} chosen={chosen} onChoose={setChosen} />
      {chosen !== undefined && <FolderDocuments key={`${chosen} ${generation}`} folder={chosen} />}
    </section>
  );
}

function FolderDocuments({ folder }: { folder: string }) {
  const [limit, setLimit] = useState(FOLDER_PAGE);
  const page = useCommand("docs", { folder, limit, sort: "-date" }, `docs folder ${folder} ${limit}`);
  if (page.status === "loading") {
    return <p class="status">Listing {folder}…</p>;
  }
  if (page.status === "failed") {
    return <p role="alert">Cannot list {folder}: {page.error.message}</p>;
  }
  const { total, documents } = page.output as DocsPage;
  return (
    <div class="folder-documents">
      <h3>
        {visible(folder)}: {countOf(total, "document", "documents")}, newest first
      </h3>
      <ul aria-label={`Documents in ${folder}`} class="doc-list">
        {documents.map((d) => (
          <li key={d.id}>
            <a href={documentHref(d.id)}>{visible(d.title ?? `Document ${d.id}`)}</a> <span class="muted">{d.from !== null ? visible(d.from) : ""}</span>{" "}
            <span class="muted">{dayOf(d.date)}</span>
          </li>
        ))}
      </ul>
      {documents.length < total && (
        <button type="button" onClick={() => setLimit((l) => l + FOLDER_PAGE)}>
          Show {Math.min(FOLDER_PAGE, total - documents.length)} more
        </button>
      )}
    </div>
  );
}
