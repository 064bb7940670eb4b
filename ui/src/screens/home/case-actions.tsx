// Choosing the case a desktop window shows: open one, create one, or pick a recent one.

import { useEffect, useState } from "preact/hooks";
import { BackendError, type DesktopActions } from "../../lib/backend";

/** The "Cases" section. `onSwitched` runs after the window switched to another case. */
export function CaseActions({ desktop, onSwitched }: { desktop: DesktopActions; onSwitched: () => void }) {
  const [message, setMessage] = useState("");
  const [recent, setRecent] = useState<string[]>([]);
  // The name the new case is given; empty: the folder's name.
  const [newName, setNewName] = useState("");
  useEffect(() => {
    void desktop.recentCases().then(setRecent, () => setRecent([]));
  }, [desktop]);

  const open = async (path: string | undefined): Promise<void> => {
    if (path === undefined) {
      return;
    }
    try {
      await desktop.openCase(path);
      onSwitched();
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };
  // "New case…" first asks for the case's name, then for its folder.
  const [naming, setNaming] = useState(false);
  const create = async (): Promise<void> => {
    const name = newName.trim();
    const path = await desktop.pickFolder("Choose an empty folder for the new case");
    if (path === undefined) {
      return;
    }
    try {
      await desktop.createCase(path, name === "" ? undefined : name);
      setNewName("");
      setNaming(false);
      await open(path);
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };
  return (
    <section class="cases" aria-labelledby="cases-heading">
      <h2 id="cases-heading">Cases</h2>
      <p class="actions">
        <button type="button" onClick={() => void desktop.pickFolder("Open a case folder").then(open)}>
          Open case…
        </button>{" "}
        <button type="button" aria-expanded={naming} onClick={() => setNaming((n) => !n)}>
          New case…
        </button>
      </p>
      {naming && (
        <form
          class="new-case"
          aria-label="New case"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label for="new-case-name">Case name</label>{" "}
          <input
            id="new-case-name"
            type="text"
            value={newName}
            placeholder="Smith v. Acme"
            autoFocus
            onInput={(e) => setNewName(e.currentTarget.value)}
          />{" "}
          <button type="submit">Choose its folder and create</button>
          <p class="hint">The name heads the case's window and reports; left empty, the case takes its folder's name.</p>
        </form>
      )}
      <ul class="recent-cases" aria-label="Recent cases">
        {recent.map((path) => (
          <li key={path}>
            <button type="button" class="link" onClick={() => void open(path)}>
              {path}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
