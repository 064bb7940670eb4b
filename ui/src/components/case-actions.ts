// Choosing the case a desktop window shows: open one, create one, or pick a recent one.

import type { DesktopActions } from "../lib/backend";
import { BackendError } from "../lib/backend";
import { h } from "../dom";

/** The "Cases" section. `onSwitched` runs after the window switched to another case. */
export function caseActions(desktop: DesktopActions, onSwitched: () => void): HTMLElement {
  const message = h("p", { role: "status", "aria-live": "polite" });
  const open = async (path: string | undefined): Promise<void> => {
    if (path === undefined) {
      return;
    }
    try {
      await desktop.openCase(path);
      onSwitched();
    } catch (reason) {
      message.textContent = BackendError.from(reason).message;
    }
  };
  const openButton = h("button", { type: "button" }, "Open case…");
  openButton.addEventListener("click", () => {
    void desktop.pickFolder("Open a case folder").then(open);
  });
  const newButton = h("button", { type: "button" }, "New case…");
  newButton.addEventListener("click", () => {
    void desktop.pickFolder("Choose an empty folder for the new case").then(async (path) => {
      if (path === undefined) {
        return;
      }
      try {
        await desktop.createCase(path);
        await open(path);
      } catch (reason) {
        message.textContent = BackendError.from(reason).message;
      }
    });
  });
  const recent = h("ul", { class: "recent-cases", "aria-label": "Recent cases" });
  void desktop.recentCases().then((paths) => {
    recent.replaceChildren(
      ...paths.map((path) => {
        const link = h("button", { type: "button", class: "link" }, path);
        link.addEventListener("click", () => void open(path));
        return h("li", {}, link);
      }),
    );
  });
  return h(
    "nav",
    { class: "cases", "aria-labelledby": "cases-heading" },
    h("h2", { id: "cases-heading" }, "Cases"),
    h("p", { class: "actions" }, openButton, " ", newButton),
    recent,
    message,
  );
}
