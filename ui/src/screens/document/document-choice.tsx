// Choosing one of the case's documents in a form (the exhibit form, the event's cite form): type
// words of its title and the list shows the documents whose titles hold them (`docs` with
// `title` and `limit`, never the whole case: 4,295 options on Enron, 302,000 on a mailbox).
// Until the user picks one, the first listed is the choice, so the form can be submitted as shown.

import { useEffect, useState } from "preact/hooks";
import type { DocsOutput } from "../../lib/backend";
import { useCommand } from "../../app/use-command";
import { visible } from "../../lib/text/visible";

/** How many documents the list shows at most. */
export const CHOICES_SHOWN = 50;
/** How long typing pauses before the list follows. */
const TYPING_PAUSE_MS = 200;

/** A document as the list names it. */
export interface ChoiceItem {
  id: number;
  kind: string;
  title: string | null;
}

export interface DocumentChoice {
  /** The documents matching what was typed, at most CHOICES_SHOWN, empty while they load. */
  list: readonly ChoiceItem[];
  /** How many documents match in all. */
  total: number;
  /** The chosen document's id as the select holds it ("" when none matches). */
  chosen: string;
  choose: (id: string) => void;
  /** The words typed to find a document by its title. */
  search: string;
  setSearch: (text: string) => void;
}

function itemsOf(output: DocsOutput): { list: ChoiceItem[]; total: number } {
  // A backend without paging answers with the plain list.
  return Array.isArray(output) ? { list: output.slice(0, CHOICES_SHOWN), total: output.length } : { list: output.documents, total: output.total };
}

/** The documents whose titles hold the words typed, and the one chosen among them. */
export function useDocumentChoice(): DocumentChoice {
  const [search, setSearch] = useState("");
  const [asked, setAsked] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(search.trim()), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [search]);
  const docs = useCommand("docs", { limit: CHOICES_SHOWN, ...(asked === "" ? {} : { title: asked }) }, `choice ${asked}`);
  const [picked, choose] = useState("");
  const { list, total } = docs.status === "done" ? itemsOf(docs.output) : { list: [], total: 0 };
  const chosen = picked !== "" && list.some((d) => String(d.id) === picked) ? picked : String(list[0]?.id ?? "");
  return { list, total, chosen, choose, search, setSearch };
}

/** A title search and the list of matching documents, each shown as "id: title (kind)". */
export function DocumentSelect({ id, choice }: { id: string; choice: DocumentChoice }) {
  return (
    <span class="document-picker">
      <input
        type="search"
        value={choice.search}
        placeholder="type words of the title"
        aria-label="Find a document by its title"
        onInput={(e) => choice.setSearch(e.currentTarget.value)}
      />
      <select id={id} value={choice.chosen} onChange={(e) => choice.choose(e.currentTarget.value)}>
        {choice.list.map((d) => (
          <option key={d.id} value={String(d.id)}>
            {d.id}: {visible(d.title ?? "(untitled)")} ({d.kind})
          </option>
        ))}
      </select>
      {choice.total > choice.list.length && (
        <span class="muted">
          {" "}
          {choice.list.length} of {choice.total} shown: type to narrow
        </span>
      )}
    </span>
  );
}
