// Choosing one of the case's documents in a form (the exhibit form, the event's cite form): the
// list comes from `docs`, and until the user picks one the first document is the choice, so the
// form can be submitted as shown.

import { useState } from "preact/hooks";
import { documentList, type DocListItem } from "../../lib/backend";
import { useCommand } from "../../app/use-command";
import { visible } from "../../lib/text/visible";

export interface DocumentChoice {
  /** The case's documents, empty while they load. */
  list: readonly DocListItem[];
  /** The chosen document's id as the select holds it ("" when the case has none). */
  chosen: string;
  choose: (id: string) => void;
}

/** The case's documents and the one chosen among them. */
export function useDocumentChoice(): DocumentChoice {
  const docs = useCommand("docs", {}, "docs");
  const [picked, choose] = useState("");
  const list = docs.status === "done" ? documentList(docs.output) : [];
  const chosen = picked === "" ? String(list[0]?.id ?? "") : picked;
  return { list, chosen, choose };
}

/** A select of the case's documents, each shown as "id: title (kind)". */
export function DocumentSelect({ id, choice }: { id: string; choice: DocumentChoice }) {
  return (
    <select id={id} value={choice.chosen} onChange={(e) => choice.choose(e.currentTarget.value)}>
      {choice.list.map((d) => (
        <option key={d.id} value={String(d.id)}>
          {d.id}: {visible(d.title ?? "(untitled)")} ({d.kind})
        </option>
      ))}
    </select>
  );
}
