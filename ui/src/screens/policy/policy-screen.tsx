// Policy series: the dated captures of one web page (a privacy policy, an FAQ). The list shows
// every series with its changes and silent changes; a series shows its versions on a time axis,
// each change in its observation window with its flags, the word diff of any two versions (inline
// or side by side) first with the list of changes beside it, when a phrase appeared and disappeared, and a search of the page as it read on
// a date. The chosen diff and layout live in the hash (`#/policy/NAME?from=17&to=18&view=side`).

import "../panels.css";
import "./policy.css";
import "./commands";
import "../timeline/commands";
import { useState } from "preact/hooks";
import { BackendError } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { replaceHash, type ScreenProps } from "../../app/router";
import { useCommand } from "../../app/use-command";
import { documentHref, seriesHref } from "../../app/links";
import { countOf } from "../../app/format";
import { snippetParts } from "../../lib/text/snippet";
import type { ChangeView, SeriesListItem, SeriesView } from "./commands";
import { VersionAxis } from "./version-axis";
import { DiffView, type DiffLayout } from "./diff-view";

export { seriesHref };

export function PolicyListScreen(_: ScreenProps) {
  const listed = useCommand("policy", {}, "policy");
  if (listed.status === "loading") {
    return <p class="status">Loading the policy series…</p>;
  }
  if (listed.status === "failed") {
    return <p role="alert">Cannot list the policy series: {listed.error.message}</p>;
  }
  const list = listed.output as SeriesListItem[];
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Policy series</h2>
      {list.length === 0 ? (
        <p class="hint">
          No policy series yet. Add dated captures of a page from the case home (“Add evidence”, then “dated captures of one web page”), or with{" "}
          <code>dossier ingest CASE FOLDER --series NAME</code>.
        </p>
      ) : (
        <table class="series-list">
          <caption class="visually-hidden">Policy series</caption>
          <thead>
            <tr>
              <th scope="col">Series</th>
              <th scope="col">Versions</th>
              <th scope="col">Captures</th>
              <th scope="col">Changes</th>
              <th scope="col">Silent changes</th>
              <th scope="col">Date-only bumps</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.series}>
                <th scope="row">
                  <a href={seriesHref(s.series)}>{s.series}</a>
                  {s.url !== null && <div class="muted url">{s.url}</div>}
                </th>
                <td>{s.versions}</td>
                <td>{s.captures}</td>
                <td>{s.changes}</td>
                <td>{s.silent > 0 ? <strong class="silent-flag">⚑ {s.silent}</strong> : "0"}</td>
                <td>{s.empty_bumps}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PolicySeriesScreen({ params, query }: ScreenProps) {
  const name = params["series"] ?? "";
  const loaded = useCommand("policy", { series: name }, `policy ${name}`);
  if (loaded.status === "loading") {
    return <p class="status">Loading {name}…</p>;
  }
  if (loaded.status === "failed") {
    return (
      <section class="error" role="alert" aria-labelledby="series-error">
        <h2 id="series-error">Cannot show “{name}”</h2>
        <p>{loaded.error.message}</p>
        <p>
          <a href="#/policy">All policy series</a>
        </p>
      </section>
    );
  }
  return <SeriesPage series={loaded.output as SeriesView} query={query} />;
}

/** "version 3 (first captured 2024-09-27, claims 2024-08-14)", or undefined for a document not in the series. */
export function versionName(series: SeriesView, doc: number): string | undefined {
  const index = series.versions.findIndex((v) => v.doc === doc);
  const version = series.versions[index];
  if (version === undefined) {
    return undefined;
  }
  return `version ${index + 1} (first captured ${version.captured.slice(0, 10)}${version.claimed_date !== null ? `, claims ${version.claimed_date}` : ""})`;
}

/** "18 versions, captured 2022-07-11 to 2026-08-22": the header's dates. */
export function capturedSpan(series: SeriesView): string {
  const days = series.versions.flatMap((v) => [v.captured, ...v.observations]).map((d) => d.slice(0, 10)).sort();
  const first = days[0];
  const last = days[days.length - 1];
  const versions = countOf(series.versions.length, "version", "versions");
  return first === undefined || last === undefined ? versions : first === last ? `${versions}, captured ${first}` : `${versions}, captured ${first} to ${last}`;
}

/** The change shown first: the first silent one, else the latest. */
export function defaultChange(series: SeriesView): ChangeView | undefined {
  return series.changes.find((c) => c.silent) ?? series.changes[series.changes.length - 1];
}

function SeriesPage({ series, query }: { series: SeriesView; query: URLSearchParams }) {
  const fallback = defaultChange(series);
  const from = query.get("from") ?? (fallback !== undefined ? String(fallback.old_doc) : "");
  const to = query.get("to") ?? (fallback !== undefined ? String(fallback.new_doc) : "");
  const layout: DiffLayout = query.get("view") === "inline" ? "inline" : "side";
  const go = (change: Record<string, string>): void => replaceHash(seriesHref(series.series, { from, to, view: layout, ...change }));
  return (
    <section class="policy-series" aria-labelledby="series-heading">
      <p class="back">
        <a href="#/policy">← All policy series</a>
      </p>
      <h2 id="series-heading">{series.series}</h2>
      {series.url !== null && <p class="muted url">{series.url}</p>}
      <p class="muted captured-span">{capturedSpan(series)}</p>
      <VersionAxis series={series} />
      <div class="diff-and-changes">
        <DiffSection series={series} from={from} to={to} layout={layout} onChange={go} />
        <aside class="changes-aside" aria-labelledby="changes-heading">
          <h3 id="changes-heading">Changes ({series.changes.length})</h3>
          {series.changes.length === 0 ? (
            <p class="hint">The wording never changed across these captures.</p>
          ) : (
            <ol class="change-list">
              {series.changes.map((c, i) => (
                <li key={i} class={c.silent ? "silent" : undefined}>
                  <ChangeSummary
                    series={series.series}
                    change={c}
                    index={i}
                    current={String(c.old_doc) === from && String(c.new_doc) === to}
                    onShow={() => go({ from: String(c.old_doc), to: String(c.new_doc) })}
                  />
                </li>
              ))}
            </ol>
          )}
          {series.formatting_only > 0 && <p class="muted">{series.formatting_only} further captures differ only in formatting.</p>}
        </aside>
      </div>
      <PhraseTrace series={series.series} />
      <AsOfSearch series={series.series} first={series.versions[0]?.captured} />
    </section>
  );
}

/** The key under which `suggest` offers a policy change as an event (crates/api, suggest.rs). */
export function changeSuggestionKey(series: string, change: ChangeView): string {
  return `policy:${series}:${change.new_doc}`;
}

function ChangeSummary({ series, change, index, current, onShow }: { series: string; change: ChangeView; index: number; current: boolean; onShow: () => void }) {
  const backend = useBackend();
  const [added, setAdded] = useState<string | undefined>();
  const toTimeline = async (): Promise<void> => {
    try {
      const accepted = await backend.call("suggest", { accept: [changeSuggestionKey(series, change)] });
      const event = accepted[0] !== undefined && "event" in accepted[0] ? accepted[0].event : undefined;
      setAdded(event !== undefined ? `Added to the timeline as event ${event}, citing both captures.` : "Added to the timeline.");
    } catch (reason) {
      setAdded(`Not added: ${BackendError.from(reason).message}`);
    }
  };
  return (
    <article aria-labelledby={`change-${index}`}>
      <h4 id={`change-${index}`}>
        Change {index + 1}: between {change.last_old} and {change.first_new}
        {change.silent && <span class="silent-flag"> ⚑ silent change</span>}
        {change.empty_bump && <span class="bump-flag"> ⚐ date-only bump</span>}
      </h4>
      <p>
        Last seen with the old text on <a href={documentHref(change.old_doc)}>{change.last_old}</a>; first seen with the new text on{" "}
        <a href={documentHref(change.new_doc)}>{change.first_new}</a>. Claimed date: {change.claimed_before ?? "none"} → {change.claimed_after ?? "none"}
        {change.silent && " — the wording changed but the page's own date did not"}
        {change.empty_bump && " — the date changed but the wording did not"}. {countOf(change.removed.length, "passage", "passages")} removed, {countOf(change.added.length, "passage", "passages")} added.{" "}
        <button type="button" class="link" onClick={onShow} aria-pressed={current}>
          {current ? "Shown in the diff" : "Show this diff"}
        </button>{" "}
        <button type="button" class="link" onClick={() => void toTimeline()}>
          Put this change on the timeline
        </button>
      </p>
      <p role="status" class="change-message">
        {added ?? ""}
      </p>
    </article>
  );
}

function DiffSection({ series, from, to, layout, onChange }: { series: SeriesView; from: string; to: string; layout: DiffLayout; onChange: (change: Record<string, string>) => void }) {
  const args = from !== "" && to !== "" ? { series: series.series, from, to } : undefined;
  const diff = useCommand("policy_diff", args, `diff ${series.series} ${from} ${to}`);
  const option = (v: SeriesView["versions"][number], i: number) => (
    <option key={v.doc} value={String(v.doc)}>
      Version {i + 1}: captured {v.captured}
      {v.claimed_date !== null ? `, claims ${v.claimed_date}` : ""}
    </option>
  );
  return (
    <section class="diff-section" aria-labelledby="diff-heading">
      <h3 id="diff-heading">Compare two versions</h3>
      <div class="diff-controls">
        <div class="field">
          <label for="diff-from">Before</label>
          <select id="diff-from" value={from} onChange={(e) => onChange({ from: e.currentTarget.value })}>
            {series.versions.map(option)}
          </select>
        </div>
        <div class="field">
          <label for="diff-to">After</label>
          <select id="diff-to" value={to} onChange={(e) => onChange({ to: e.currentTarget.value })}>
            {series.versions.map(option)}
          </select>
        </div>
        <div role="group" aria-label="Diff layout" class="layout-switch">
          <button type="button" aria-pressed={layout === "side"} onClick={() => onChange({ view: "side" })}>
            Side by side
          </button>
          <button type="button" aria-pressed={layout === "inline"} onClick={() => onChange({ view: "inline" })}>
            Inline
          </button>
        </div>
      </div>
      {args === undefined ? (
        <p class="hint">Choose two versions.</p>
      ) : diff.status === "loading" ? (
        <p class="status">Comparing…</p>
      ) : diff.status === "failed" ? (
        <p role="alert">{diff.error.message}</p>
      ) : (
        <DiffView diff={diff.output} layout={layout} name={(v) => versionName(series, v.doc) ?? `document ${v.doc}`} />
      )}
    </section>
  );
}

function PhraseTrace({ series }: { series: string }) {
  const [typed, setTyped] = useState("");
  const [phrase, setPhrase] = useState("");
  const traced = useCommand("policy_trace", phrase === "" ? undefined : { series, phrase }, `trace ${series} ${phrase}`);
  return (
    <section class="panel" aria-labelledby="trace-heading">
      <h3 id="trace-heading">When did a phrase appear or go?</h3>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setPhrase(typed.trim());
        }}
      >
        <label for="trace-phrase">Phrase</label>
        <input id="trace-phrase" type="text" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} placeholder="on by default" />
        <button type="submit" disabled={typed.trim() === ""}>
          Trace
        </button>
      </form>
      <div role="status" class="trace-result">
        {phrase === "" ? null : traced.status === "loading" ? (
          <p class="status">Tracing…</p>
        ) : traced.status === "failed" ? (
          <p class="error-text">{traced.error.message}</p>
        ) : traced.output.appeared === null ? (
          <p>“{traced.output.phrase}” is in no capture of this series.</p>
        ) : (
          <ul>
            <li>
              Appeared:{" "}
              {traced.output.appeared.not_in === null ? (
                <>already in the first capture (<a href={documentHref(traced.output.appeared.first_in_doc, { quote: phrase })}>{traced.output.appeared.first_in}</a>)</>
              ) : (
                <>
                  between {traced.output.appeared.not_in} (not there) and{" "}
                  <a href={documentHref(traced.output.appeared.first_in_doc, { quote: phrase })}>{traced.output.appeared.first_in}</a> (there)
                </>
              )}
            </li>
            <li>
              {traced.output.disappeared === null ? (
                "Still there in the latest capture."
              ) : (
                <>
                  Disappeared: between <a href={documentHref(traced.output.disappeared.last_in_doc, { quote: phrase })}>{traced.output.disappeared.last_in}</a> (last there) and{" "}
                  {traced.output.disappeared.not_in} (gone)
                </>
              )}
            </li>
            {traced.output.spans.length > 1 && <li>Present in {traced.output.spans.map((s) => `${s.first_in} to ${s.last_in}`).join("; ")}.</li>}
          </ul>
        )}
      </div>
    </section>
  );
}

function AsOfSearch({ series, first }: { series: string; first: string | undefined }) {
  const [date, setDate] = useState(first?.slice(0, 10) ?? "");
  const [words, setWords] = useState("");
  const [asked, setAsked] = useState<{ date: string; query: string } | undefined>();
  const found = useCommand("policy_asof", asked === undefined ? undefined : { series, ...asked }, `asof ${series} ${JSON.stringify(asked ?? null)}`);
  return (
    <section class="panel" aria-labelledby="asof-heading">
      <h3 id="asof-heading">What did it say on a date?</h3>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ date: date.trim(), query: words.trim() });
        }}
      >
        <label for="asof-date">Date</label>
        <input id="asof-date" type="text" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        <label for="asof-query">Words</label>
        <input id="asof-query" type="text" value={words} onInput={(e) => setWords(e.currentTarget.value)} />
        <button type="submit" disabled={date.trim() === "" || words.trim() === ""}>
          Search that version
        </button>
      </form>
      <div role="status">
        {asked === undefined ? null : found.status === "loading" ? (
          <p class="status">Searching…</p>
        ) : found.status === "failed" ? (
          <p class="error-text">{found.error.message}</p>
        ) : (
          <>
            <p>
              On {found.output.date} the version in force was the capture of{" "}
              <a href={documentHref(found.output.version.doc)}>{found.output.version.captured}</a>
              {found.output.version.next_capture !== null && ` (certain until the next capture, ${found.output.version.next_capture})`}:{" "}
              {found.output.total === 0 ? "no passage matches." : `${countOf(found.output.total, "matching passage", "matching passages")}.`}
            </p>
            <ol class="asof-hits">
              {found.output.hits.map((h) => (
                <li key={h.paragraph}>
                  {snippetParts(h.snippet).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
