// The app frame: the case's name as the page's one <h1>, the main navigation, and the current
// screen in <main>. The page title follows the case ("Dossier — NAME — N documents"); the desktop
// shell copies it to the window title, so a test can tell from outside that the case data arrived.

import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { BackendError, type Backend, type CaseSummary } from "../lib/backend";
import { BackendContext, CaseContext, useBackend, type CaseState } from "./context";
import { deliverDroppedFiles } from "./dropped-files";
import { matchRoute, navigate, parseHash, useHashLocation, type RouteDefinition } from "./router";
import { countOf } from "./format";

type Loaded = { status: "loading" } | { status: "open"; summary: CaseSummary } | { status: "failed"; error: BackendError };

/** The whole app for one backend and one route table. */
export function App({ backend, routes }: { backend: Backend; routes: readonly RouteDefinition[] }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const refresh = useCallback(async () => {
    try {
      setLoaded({ status: "open", summary: await backend.call("summary", {}) });
    } catch (reason) {
      setLoaded({ status: "failed", error: BackendError.from(reason) });
    }
  }, [backend]);
  useEffect(() => void refresh(), [refresh]);

  useEffect(() => {
    if (loaded.status === "open") {
      const { name, documents } = loaded.summary;
      document.title = `Dossier — ${name} — ${countOf(documents, "document", "documents")}`;
    } else if (loaded.status === "failed") {
      document.title = loaded.error.code === "no_case" ? "Dossier — no case open" : "Dossier — cannot open the case";
    }
  }, [loaded]);

  const caseState = useMemo<CaseState | undefined>(
    () => (loaded.status === "open" ? { summary: loaded.summary, refresh } : undefined),
    [loaded, refresh],
  );

  return (
    <BackendContext.Provider value={backend}>
      {loaded.status === "loading" && (
        <main id="main" aria-busy="true">
          <p class="status">Opening the case…</p>
        </main>
      )}
      {loaded.status === "failed" && <CaseError error={loaded.error} />}
      {caseState !== undefined && (
        <CaseContext.Provider value={caseState}>
          <Frame summary={caseState.summary} routes={routes} />
        </CaseContext.Provider>
      )}
    </BackendContext.Provider>
  );
}

function Frame({ summary, routes }: { summary: CaseSummary; routes: readonly RouteDefinition[] }) {
  const location = useHashLocation();
  const matched = matchRoute(routes, location.segments);
  const desktop = useBackend().desktop;
  useEffect(() => {
    if (desktop === undefined) {
      return;
    }
    let stop: (() => void) | undefined;
    let active = true;
    void desktop
      .onFilesDropped((paths) => {
        // The ingest panel, with its progress bar and report, is on the case home.
        if (parseHash(window.location.hash).segments.length > 0) {
          navigate("#/");
        }
        deliverDroppedFiles(paths);
      })
      .then((unlisten) => {
        if (active) {
          stop = unlisten;
        } else {
          unlisten();
        }
      });
    return () => {
      active = false;
      stop?.();
    };
  }, [desktop]);
  const Screen = matched?.route.component;
  return (
    <div class="frame">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to the content
      </a>
      <header class="app-header">
        <div class="case-title">
          <h1>{summary.name}</h1>
          <p class="case-path">{summary.path}</p>
        </div>
        <nav class="main-nav" aria-label="Main">
          <ul>
            {routes
              .filter((r) => r.nav === true)
              .map((r) => (
                <li key={r.pattern}>
                  <a href={`#/${r.pattern}`} aria-current={matched?.route === r ? "page" : undefined}>
                    {r.label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      </header>
      <main id="main" class="screen" tabIndex={-1}>
        {Screen !== undefined && matched !== undefined ? (
          <Screen params={matched.params} query={location.query} />
        ) : (
          <section aria-labelledby="not-found-heading">
            <h2 id="not-found-heading">Nothing here</h2>
            <p>
              There is no screen at <code>{window.location.hash}</code>. <a href="#/">Back to the case</a>.
            </p>
          </section>
        )}
      </main>
      <footer class="case-footer">Case schema version {summary.schema_version}</footer>
    </div>
  );
}

/** Moves focus to the screen without touching the hash, which holds the route. */
function skipToMain(event: MouseEvent): void {
  event.preventDefault();
  document.getElementById("main")?.focus();
}

function CaseError({ error }: { error: BackendError }) {
  const heading = error.code === "no_case" ? "No case open" : "Cannot open the case";
  return (
    <main id="main">
      <section class="error" role="alert" aria-labelledby="error-heading">
        <h1 id="error-heading">{heading}</h1>
        <p>{error.message}</p>
        <p class="error-code">
          Error code: <code>{error.code}</code>
        </p>
      </section>
    </main>
  );
}
