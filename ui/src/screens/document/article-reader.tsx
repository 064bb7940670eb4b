// An article's reader view: the sanitised rendition the HTML extractor stored
// (meta["rendition.html"], cleaned by ammonia) shown in a sandboxed frame. The frame may run no
// script (no allow-scripts), has an opaque origin (no allow-same-origin), and carries its own CSP
// that allows nothing but the reader stylesheet and inline images; the document's HTML never
// enters the app's own DOM.

/** The frame's whole document: the rendition under a CSP that forbids scripts and remote content. */
export function readerDocument(rendition: string, appOrigin: string, lang: string | undefined): string {
  const stylesheet = `${appOrigin}/reader.css`;
  const csp = `default-src 'none'; style-src ${appOrigin}; img-src data:; font-src 'none'; form-action 'none'`;
  return (
    `<!doctype html><html lang="${escapeAttribute(lang ?? "en")}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">` +
    `<link rel="stylesheet" href="${escapeAttribute(stylesheet)}"></head>` +
    `<body>${rendition}</body></html>`
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

export function ArticleReader({ rendition, title, lang }: { rendition: string; title: string; lang: string | undefined }) {
  return (
    <iframe
      class="reader-frame"
      title={`Reader view: ${title}`}
      sandbox=""
      referrerpolicy="no-referrer"
      srcdoc={readerDocument(rendition, window.location.origin, lang)}
    />
  );
}
