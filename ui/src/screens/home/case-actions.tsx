// Choosing the case a desktop window shows: open one, create one, or pick a recent one.

import { useEffect, useState } from "preact/hooks";
import { BackendError, type DesktopActions } from "../../lib/backend";

/** The "Cases" section. `onSwitched` runs after the window switched to another case. */
export function CaseActions({ desktop, onSwitched }: { desktop: DesktopActions; onSwitched: () => void }) {
  const [message, setMessage] = useState("");
  const [recent, setRecent] = useState<string[]>([]);
  // The name "New case…" gives the case it creates; empty: the folder's name.
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
  const create = async (): Promise<void> => {
    const path = await desktop.pickFolder("Choose an empty folder for the new case");
    if (path === undefined) {
      return;
    }
    try {
      const name = newName.trim();
      await desktop.createCase(path, name === "" ? undefined : name);
      setNewName("");
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
        <button type="button" onClick={() => void create()}>
          New case…
        </button>{" "}
        <label>
          named{" "}
          <input
            type="text"
            value={newName}
            placeholder="the folder's name"
            onInput={(e) => setNewName(e.currentTarget.value)}
          />
        </label>
      </p>
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
