// Renders the open case at a glance: its name, how many documents it holds, and how many of each kind.
// The page title follows the state, and the desktop shell copies it to the window title, so a test
// can tell from outside the window that the case data arrived.

import "./style.css";
import { BackendError, getBackend, type Backend, type CaseSummary } from "./lib/backend";
import { h } from "./dom";
import { caseActions } from "./components/case-actions";
import { ingestPanel } from "./components/ingest-panel";

const numberFormat = new Intl.NumberFormat();

function countOf(n: number, singular: string, plural: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? singular : plural}`;
}

function renderSummary(summary: CaseSummary): HTMLElement[] {
  const byKind =
    summary.by_kind.length === 0
      ? h("p", {}, "No documents yet.")
      : h(
          "table",
          { class: "kinds" },
          h("caption", {}, "Documents by kind"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Count"))),
          h(
            "tbody",
            {},
            ...summary.by_kind.map(({ kind, count }) =>
              h("tr", {}, h("th", { scope: "row" }, kind), h("td", {}, numberFormat.format(count))),
            ),
          ),
        );

  return [
    h(
      "header",
      { class: "case-header" },
      h("h1", {}, summary.name),
      h("p", { class: "case-path" }, summary.path),
    ),
    h(
      "section",
      { "aria-labelledby": "documents-heading" },
      h("h2", { id: "documents-heading" }, "Documents"),
      h("p", { class: "document-count" }, countOf(summary.documents, "document", "documents")),
      byKind,
    ),
  ];
}

function renderFooter(summary: CaseSummary): HTMLElement {
  return h("footer", { class: "case-footer" }, `Case schema version ${summary.schema_version}`);
}

function renderError(error: BackendError): HTMLElement[] {
  const heading = error.code === "no_case" ? "No case open" : "Cannot open the case";
  return [
    h(
      "section",
      { class: "error", role: "alert", "aria-labelledby": "error-heading" },
      h("h1", { id: "error-heading" }, heading),
      h("p", {}, error.message),
      h("p", { class: "error-code" }, "Error code: ", h("code", {}, error.code)),
    ),
  ];
}

/**
 * Shows the open case: its summary, and what can be done to it. After an ingest only the
 * summary is refreshed, so the ingest report (and its list of failures) stays on screen.
 */
async function show(root: HTMLElement, backend: Backend): Promise<void> {
  const summaryArea = h("div", { class: "summary" });
  const reloadCase = (): void => void show(root, backend);
  const refreshSummary = async (): Promise<boolean> => {
    try {
      const summary = await backend.summary();
      summaryArea.replaceChildren(...renderSummary(summary), renderFooter(summary));
      document.title = `Dossier — ${summary.name} — ${countOf(summary.documents, "document", "documents")}`;
      return true;
    } catch (reason) {
      const error = BackendError.from(reason);
      summaryArea.replaceChildren(...renderError(error));
      document.title = error.code === "no_case" ? "Dossier — no case open" : "Dossier — cannot open the case";
      return false;
    }
  };
  const opened = await refreshSummary();
  root.replaceChildren(
    summaryArea,
    ...(opened ? [ingestPanel(backend, () => void refreshSummary())] : []),
    ...(backend.desktop === undefined ? [] : [caseActions(backend.desktop, reloadCase)]),
  );
  root.removeAttribute("aria-busy");
}

const root = document.querySelector<HTMLElement>("main#app");
if (root !== null) {
  void show(root, getBackend());
}
