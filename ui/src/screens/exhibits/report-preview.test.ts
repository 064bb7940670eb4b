import { describe, expect, test } from "vitest";
import { reportBody, reportDocument } from "./report-preview";

const report = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Chronology</title>\n<style>h1{color:red}</style>\n</head>\n<body>\n<h1>Chronology: Linkwise</h1>\n<style>p{}</style><p>10 events.</p>\n</body>\n</html>\n';

describe("the report preview's frame", () => {
  test("shows the report's body without the inline styles the app's CSP would refuse", () => {
    expect(reportBody(report)).toBe("\n<h1>Chronology: Linkwise</h1>\n<p>10 events.</p>\n");
    expect(reportBody("<p>no body tag</p><script>alert(1)</script>")).toBe("<p>no body tag</p>");
  });

  test("runs under a CSP of its own that allows no script and only the app's stylesheet", () => {
    const framed = reportDocument(report, "http://127.0.0.1:8080");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(framed)?.[1] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src http://127.0.0.1:8080");
    expect(csp).not.toContain("script");
    expect(framed).toContain('<link rel="stylesheet" href="http://127.0.0.1:8080/reader.css"><link rel="stylesheet" href="http://127.0.0.1:8080/report.css">');
    expect(framed).toContain("<h1>Chronology: Linkwise</h1>");
    expect(framed).not.toContain("<style>");
  });
});
