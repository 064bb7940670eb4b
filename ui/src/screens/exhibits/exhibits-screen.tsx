// Exhibits: the exhibit list (numbers, Bates ranges, the events each supports, withdrawn ones kept
// with their numbers so gaps are explained), a form to make a document an exhibit, the exports
// (chronology CSV, reports, TimelineJS, exhibit list, Concordance DAT) saved as files, and a
// preview of the chronology report.

import "../panels.css";
import "./exhibits.css";
import "./commands";
import { useState } from "preact/hooks";
import { BackendError } from "../../lib/backend";
import { exportFileName } from "../../lib/backend/save";
import { useBackend, useCase } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { documentHref } from "../../app/links";
import { dayOf } from "../../app/format";
import { hrefTo, type ScreenProps } from "../../app/router";
import { UndoBar } from "../timeline/undo-bar";
import type { ExhibitView } from "./commands";
import { deliverExport, EXPORTS, type ExportKind } from "./exports";
import { ReportPreview } from "./report-preview";
import { ProductionForm } from "./production-form";
import { DocumentSelect, useDocumentChoice } from "../document/document-choice";
import { visible } from "../../lib/text/visible";

export function ExhibitsScreen(_: ScreenProps) {
  const backend = useBackend();
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | undefined>();
  const listed = useCommand("exhibits", {}, `exhibits ${generation}`);
  const changed = (text: string, failed = false): void => {
    setMessage({ text, failed });
    if (!failed) {
      setGeneration((g) => g + 1);
    }
  };
  const exhibits = listed.status === "done" && Array.isArray(listed.output) ? listed.output : [];

  const withdraw = async (x: ExhibitView): Promise<void> => {
    try {
      await backend.call("exhibit", { doc: x.doc, withdraw: true });
      changed(`Withdrew ${x.number}; its number and Bates range stay reserved. Undo reinstates it.`);
    } catch (reason) {
      changed(`Not withdrawn: ${BackendError.from(reason).message}`, true);
    }
  };

  return (
    <section class="exhibits-screen" aria-labelledby="exhibits-heading">
      <header class="screen-header">
        <h2 id="exhibits-heading">Exhibits and exports</h2>
        <UndoBar onChanged={changed} />
      </header>
      <p role="status" class={message?.failed === true ? "error-text" : "change-message"}>
        {message?.text ?? ""}
      </p>
      {listed.status === "failed" && <p role="alert">Cannot list the exhibits: {listed.error.message}</p>}
      {listed.status === "loading" && exhibits.length === 0 ? (
        <p class="status">Loading the exhibits…</p>
      ) : (
        <ExhibitTable exhibits={exhibits} onWithdraw={(x) => void withdraw(x)} />
      )}
      <NewExhibit onChanged={changed} />
      <Exports onSaved={(text, failed) => setMessage({ text, failed })} />
      <ProductionForm />
      <ReportPreview generation={generation} />
    </section>
  );
}

function ExhibitTable({ exhibits, onWithdraw }: { exhibits: readonly ExhibitView[]; onWithdraw: (x: ExhibitView) => void }) {
  if (exhibits.length === 0) {
    return <p class="hint">No exhibits yet: make a document an exhibit below.</p>;
  }
  return (
    <table class="exhibit-list">
      <caption>Exhibit list ({exhibits.filter((x) => x.withdrawn_at === null).length} standing)</caption>
      <thead>
        <tr>
          <th scope="col">Exhibit</th>
          <th scope="col">Bates range</th>
          <th scope="col">Pages</th>
          <th scope="col">Document</th>
          <th scope="col">Designation</th>
          <th scope="col">Supports</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {exhibits.map((x) => (
          <tr key={x.number} class={x.withdrawn_at !== null ? "withdrawn" : undefined}>
            <th scope="row">{x.number}</th>
            <td class="bates">
              {x.bates_begin}–{x.bates_end}
            </td>
            <td>{x.pages}</td>
            <td>
              <a href={documentHref(x.doc)}>{visible(x.title ?? `Document ${x.doc}`)}</a>
              <div class="muted">
                {dayOf(x.date)} · document {x.doc}
              </div>
            </td>
            <td>{x.designation ?? ""}</td>
            <td>
              {x.events.length === 0 ? (
                <span class="muted">no event</span>
              ) : (
                <ul class="plain-list">
                  {x.events.map((e) => {
                    const id = Number.parseInt(e, 10);
                    return <li key={e}>{Number.isFinite(id) ? <a href={hrefTo("timeline", { event: id })}>{e}</a> : e}</li>;
                  })}
                </ul>
              )}
            </td>
            <td>
              {x.withdrawn_at !== null ? (
                <span>withdrawn {dayOf(x.withdrawn_at)}</span>
              ) : (
                <>
                  standing{" "}
                  <button type="button" class="link" aria-label={`Withdraw ${x.number}`} onClick={() => onWithdraw(x)}>
                    Withdraw
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewExhibit({ onChanged }: { onChanged: (text: string, failed?: boolean) => void }) {
  const backend = useBackend();
  const documents = useDocumentChoice();
  const [number, setNumber] = useState("");
  const [prefix, setPrefix] = useState("");
  const [batesPrefix, setBatesPrefix] = useState("");
  const [designation, setDesignation] = useState("");
  const chosen = documents.chosen;
  const optional = (key: string, value: string): Record<string, string> => (value.trim() === "" ? {} : { [key]: value.trim() });

  const make = async (): Promise<void> => {
    try {
      const made = await backend.call("exhibit", {
        doc: Number.parseInt(chosen, 10),
        ...optional("number", number),
        ...optional("prefix", prefix),
        ...optional("bates_prefix", batesPrefix),
        ...optional("designation", designation),
      });
      setNumber("");
      setDesignation("");
      onChanged(`Document ${made.doc} is ${made.number}, Bates ${made.bates_begin}–${made.bates_end}.`);
    } catch (reason) {
      onChanged(`Not made an exhibit: ${BackendError.from(reason).message}`, true);
    }
  };

  return (
    <section class="panel" aria-labelledby="new-exhibit-heading">
      <h3 id="new-exhibit-heading">Make a document an exhibit</h3>
      <form
        class="exhibit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void make();
        }}
      >
        <div class="field wide">
          <label for="exhibit-doc">Document</label>
          <DocumentSelect id="exhibit-doc" choice={documents} />
        </div>
        <div class="field">
          <label for="exhibit-number">Number (optional)</label>
          <input id="exhibit-number" type="text" placeholder="the next free one" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="exhibit-prefix">Number prefix</label>
          <input id="exhibit-prefix" type="text" placeholder="PX" value={prefix} onInput={(e) => setPrefix(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="exhibit-bates">Bates prefix</label>
          <input id="exhibit-bates" type="text" placeholder="DOSS" value={batesPrefix} onInput={(e) => setBatesPrefix(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="exhibit-designation">Designation</label>
          <input id="exhibit-designation" type="text" value={designation} onInput={(e) => setDesignation(e.currentTarget.value)} />
        </div>
        <div class="form-actions">
          <button type="submit" disabled={chosen === ""}>
            Make exhibit
          </button>
        </div>
      </form>
    </section>
  );
}

function Exports({ onSaved }: { onSaved: (text: string, failed: boolean) => void }) {
  const backend = useBackend();
  const { summary } = useCase();
  const save = async (kind: ExportKind): Promise<void> => {
    try {
      const file = await kind.run(backend);
      const name = exportFileName(summary.name, kind.what, kind.extension);
      onSaved(await deliverExport(backend, name, file), false);
    } catch (reason) {
      onSaved(`Not exported: ${BackendError.from(reason).message}`, true);
    }
  };
  return (
    <section class="panel" aria-labelledby="exports-heading">
      <h3 id="exports-heading">Export</h3>
      <ul class="export-list">
        {EXPORTS.map((kind) => (
          <li key={kind.id}>
            <button type="button" onClick={() => void save(kind)}>
              {kind.label}
            </button>
            <span class="muted">{kind.purpose}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
