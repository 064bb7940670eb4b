import { describe, expect, test } from "vitest";
import { webCapture } from "./web-capture";

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
});
