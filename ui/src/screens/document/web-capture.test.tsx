import { describe, expect, test } from "vitest";
import { timestampLines, webCapture } from "./web-capture";

describe("a web capture's provenance", () => {
  test("says which archive record it is and whether its digests verified; other documents have none", () => {
    const lines = webCapture({
      "warc.type": "response",
      "warc.record_id": "<urn:uuid:1>",
      "warc.digest_check": "FAIL",
      "warc.http_status": "200",
    });
    expect(lines?.[0]).toBe("Archived WARC response <urn:uuid:1>");
    expect(lines).toContain("WARNING: a digest the archive declares does not match its bytes.");
    expect(lines).toContain("HTTP status 200");
    expect(webCapture({ "warc.type": "response", "warc.digest_check": "pass" })).toContain(
      "The archive's digests verify: the bytes are those the archive recorded.",
    );
    expect(webCapture({ charset: "UTF-8" })).toBeNull();
  });

  test("states who timestamped the original and when, or that the answer is awaited", () => {
    const base = { id: 1, doc: 5, sha256: "ab".repeat(32), requested_at: "2026-12-08T01:00:00Z", policy: null, serial: null, tsa: null, gen_time: null };
    expect(
      timestampLines([{ ...base, gen_time: "2026-12-08T01:02:03Z", tsa: "CN=Local Test TSA", serial: "01", policy: "1.2.3.4.1" }]),
    ).toEqual(["Timestamped by CN=Local Test TSA at 2026-12-08T01:02:03Z (RFC 3161, serial 01)"]);
    expect(timestampLines([base])[0]).toContain("not imported yet");
    expect(timestampLines([{ ...base, gen_time: "2026-12-08T01:02:03Z", tsa: "TSA" }], 6)[0]).toContain(
      "(its archive, document 5)",
    );
  });
});
