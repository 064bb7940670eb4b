// Suggested events: dates the case already knows (a document's own date, a detected policy
// change), which the user accepts into the chronology with their citations, several at once.

import { useState } from "preact/hooks";
import { BackendError } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { documentHref } from "../../app/links";
import type { Suggestion } from "./commands";
import { visible } from "../../lib/text/visible";

export function SuggestionsPanel({ generation, onChanged }: { generation: number; onChanged: (message: string) => void }) {
  const backend = useBackend();
  const [open, setOpen] = useState(false);
  const listed = useCommand("suggest", open ? {} : undefined, `suggest ${generation} ${open}`);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const suggestions = listed.status === "done" ? (listed.output as Suggestion[]) : [];

  const accept = async (): Promise<void> => {
    setError(undefined);
    try {
      const accepted = await backend.call("suggest", { accept: [...chosen] });
      setChosen(new Set());
      onChanged(`Added ${accepted.length === 1 ? "1 suggested event" : `${accepted.length} suggested events`} to the chronology.`);
    } catch (reason) {
      setError(BackendError.from(reason).message);
    }
  };
  const toggle = (key: string): void => {
    const next = new Set(chosen);
    if (!next.delete(key)) {
      next.add(key);
    }
    setChosen(next);
  };

  return (
    <details class="suggestions panel" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Suggested events (from document dates and policy changes)</summary>
      {listed.status === "loading" && open && <p class="status">Looking for dated documents and policy changes…</p>}
      {listed.status === "failed" && <p role="alert">{listed.error.message}</p>}
      {listed.status === "done" && suggestions.length === 0 && <p class="muted">Nothing to suggest: every dated document and policy change is on the chronology.</p>}
      {suggestions.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void accept();
          }}
        >
          <fieldset>
            <legend>Choose the events to add (each is added as alleged, with its citations)</legend>
            <ul class="suggestion-list">
              {suggestions.map((s) => (
                <li key={s.key}>
                  <input type="checkbox" id={`suggestion-${s.key}`} checked={chosen.has(s.key)} onChange={() => toggle(s.key)} />{" "}
                  <label for={`suggestion-${s.key}`}>
                    <span class="date-cell">{s.date}</span> {visible(s.title)}
                  </label>{" "}
                  <span class="muted">
                    ({s.source === "policy_change" ? "policy change" : "document date"}; cites{" "}
                    {s.citations.map((c, i) => (
                      <span key={c.doc}>
                        {i > 0 ? ", " : ""}
                        <a href={documentHref(c.doc, { quote: c.quote })}>document {c.doc}</a> ({c.relation})
                        {c.quote !== null && <q class="citation-quote">{visible(c.quote)}</q>}
                      </span>
                    ))}
                    )
                  </span>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" disabled={chosen.size === 0}>
            Add {chosen.size === 1 ? "1 event" : `${chosen.size} events`}
          </button>
        </form>
      )}
      {error !== undefined && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
    </details>
  );
}
