// Handing a file the case produced (an export) to the user in a browser: the content becomes a
// Blob offered as a download under the given name. The desktop window (WebKitGTK) cannot download
// Blobs; it saves through `backend.desktop.saveExport` (a native dialog, written by the shell).
// Kept here with the transports so no screen builds Blobs or object URLs itself.

/** Offers `content` as a file called `name` with media type `mediaType`; returns its size in bytes. */
export function saveFile(name: string, mediaType: string, content: string): number {
  const blob = new Blob([content], { type: mediaType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the Blob once started; free ours after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return blob.size;
}

/** A file name made of the case's name and what the file is: `Linkwise privacy matter-chronology.csv`. */
export function exportFileName(caseName: string, what: string, extension: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const safe = caseName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-").trim() || "case";
  return `${safe}-${what}.${extension}`;
}
