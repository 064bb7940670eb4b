// A document's tags: add one, remove one. Each change is one audited `tag` command.

import { useState } from "preact/hooks";
import { BackendError } from "../../lib/backend";
import { useBackend } from "../../app/context";

export function TagsPanel({ doc, initial }: { doc: number; initial: string[] }) {
  const backend = useBackend();
  const [tags, setTags] = useState(initial);
  const [typed, setTyped] = useState("");
  const [message, setMessage] = useState("");
  const change = async (names: string[], remove: boolean): Promise<void> => {
    try {
      const out = await backend.call("tag", { doc, tags: names, remove });
      setTags(out.tags);
      setMessage(remove ? `Removed ${out.removed.join(", ")}.` : out.added.length > 0 ? `Tagged ${out.added.join(", ")}.` : "Already tagged.");
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };
  return (
    <section class="panel tags" aria-labelledby="tags-heading">
      <h3 id="tags-heading">Tags</h3>
      <ul class="tag-list">
        {tags.map((t) => (
          <li key={t} class="chip">
            {t}{" "}
            <button type="button" class="link" aria-label={`Remove tag ${t}`} onClick={() => void change([t], true)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const names = typed.split(",").map((t) => t.trim()).filter((t) => t !== "");
          if (names.length > 0) {
            setTyped("");
            void change(names, false);
          }
        }}
      >
        <label for="new-tag">Add tags</label>{" "}
        <input id="new-tag" type="text" value={typed} placeholder="hot, privilege" onInput={(e) => setTyped(e.currentTarget.value)} />{" "}
        <button type="submit">Tag</button>
      </form>
      <p role="status" class="muted">
        {message}
      </p>
    </section>
  );
}
