// The chronology report (the `timeline` command's HTML export) previewed in a sandboxed frame:
// no scripts (no allow-scripts), an opaque origin (no allow-same-origin). A srcdoc frame inherits
// the app's CSP (`style-src 'self'`, in the desktop window and under `dossier serve`), which
// forbids the report's own inline stylesheet; so the preview shows the report's body with the
// article reader's stylesheet and public/report.css, under a CSP like the reader frame's
// (document/article-reader.tsx), and the saved file keeps its own styles.

import { useCommand } from "../../app/use-command";

/** The report's body, without any <style> or <script> it carries. */
export function reportBody(html: string): string {
  const open = /<body[^>]*>/i.exec(html);
  const close = html.search(/<\/body>/i);
  const body = open === null ? html : html.slice(open.index + open[0].length, close < 0 ? undefined : close);
  return body.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
}

/** The frame's whole document for a report: its body, the app's two stylesheets, a CSP that allows nothing else. */
export function reportDocument(html: string, appOrigin: string): string {
  const csp = `default-src 'none'; style-src ${appOrigin}; img-src data:; font-src 'none'; form-action 'none'`;
  const sheet = (name: string): string => `<link rel="stylesheet" href="${escapeAttribute(`${appOrigin}/${name}`)}">`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">` +
    `${sheet("reader.css")}${sheet("report.css")}</head><body>${reportBody(html)}</body></html>`
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

export function ReportPreview({ generation }: { generation: number }) {
  const report = useCommand("timeline", { format: "html" }, `report ${generation}`);
  return (
    <section class="report-preview" aria-labelledby="report-heading">
      <h3 id="report-heading">Chronology report preview</h3>
      {report.status === "loading" && <p class="status">Making the report…</p>}
      {report.status === "failed" && <p role="alert">Cannot make the report: {report.error.message}</p>}
      {report.status === "done" && "content" in report.output && (
        <iframe
          class="report-frame"
          title="Chronology report preview"
          sandbox=""
          referrerpolicy="no-referrer"
          srcdoc={reportDocument(report.output.content, window.location.origin)}
        />
      )}
    </section>
  );
}
