// A mailbox's folders: the tree of what was ingested (Enron's `lay-k/inbox`, an mbox file as a
// folder of its messages), each folder with how many documents it and the folders below it
// hold (`folders`). `FolderTree` is the tree alone, for any list to filter by (`docs --folder`);
// `FolderPanel` is the case home's folder filter over its document table.

import "./folder-tree.css";
import { useState } from "preact/hooks";
import type { FolderNode } from "../../lib/backend";
import { useCommand } from "../../app/use-command";
import { formatNumber } from "../../app/format";
import { visible } from "../../lib/text/visible";

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
 * The case home's "Folders" filter: the tree, folded until a folder is chosen; choosing one
 * filters the document table to it and the folders below it (`docs --folder`), choosing it again
 * clears the filter. Shows nothing for a case without folders.
 */
export function FolderPanel({ chosen, generation, onChoose }: { chosen: string | undefined; generation: number; onChoose: (path: string | undefined) => void }) {
  const tree = useCommand("folders", {}, `folders ${generation}`);
  if (tree.status === "failed") {
    return <p role="alert">Cannot list the folders: {tree.error.message}</p>;
  }
  if (tree.status !== "done" || tree.output.length === 0) {
    return null;
  }
  return (
    <details class="folders" open={chosen !== undefined}>
      <summary>Folders</summary>
      <FolderTree folders={tree.output} chosen={chosen} onChoose={onChoose} />
    </details>
  );
}
