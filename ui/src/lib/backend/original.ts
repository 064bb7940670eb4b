// A document's original bytes, decoded from the base64 the `original` command carries (the same
// way over Tauri IPC and HTTP), for viewers that render the file itself (pdf.js).

import type { Backend } from "./index";

/** Decodes RFC 4648 base64 (with padding) to bytes. */
export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** The original bytes of document `doc`, with the SHA-256 the case recorded for them. */
export async function originalBytes(backend: Backend, doc: number): Promise<{ bytes: Uint8Array; sha256: string }> {
  const original = await backend.call("original", { doc });
  return { bytes: decodeBase64(original.base64), sha256: original.sha256 };
}
