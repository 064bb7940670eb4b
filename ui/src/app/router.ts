// A hash router: the screen and its state live in `location.hash` (`#/doc/5?page=2&quote=…`), so
// every screen can be linked to, reloaded, and reached with the browser's back button, in the
// desktop window and under `dossier serve` alike (the query before the hash keeps the server's
// token, which the router never touches).

import { useEffect, useState } from "preact/hooks";
import type { ComponentType } from "preact";

/** Where the app is: the path's segments and the query, parsed from the hash. */
export interface HashLocation {
  /** Path segments, decoded: `#/doc/5` is `["doc", "5"]`; the case home is `[]`. */
  segments: string[];
  /** The query after `?` in the hash. */
  query: URLSearchParams;
}

/** What a screen receives: the route's `:params` and the query. */
export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

/** One screen of the app, as registered in routes.ts. */
export interface RouteDefinition {
  /** Segments with `:name` placeholders, e.g. `doc/:id`; `""` is the case home. */
  pattern: string;
  /** Its name in the navigation and in the page title. */
  label: string;
  /** The screen. */
  component: ComponentType<ScreenProps>;
  /** Whether the main navigation links to it (screens that need an id do not). */
  nav?: boolean;
}

/** Parses `#/a/b?x=1` into segments and query; anything unparsable is the home. */
export function parseHash(hash: string): HashLocation {
  const body = hash.replace(/^#\/?/, "");
  const queryStart = body.indexOf("?");
  const path = queryStart < 0 ? body : body.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? "" : body.slice(queryStart + 1));
  const segments = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, query };
}

/** A link to a path with a query; values that are undefined or empty are left out. */
export function hrefTo(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `#/${path}${search === "" ? "" : `?${search}`}`;
}

/** Finds the route whose pattern matches the segments, with its `:params`. */
export function matchRoute(
  routes: readonly RouteDefinition[],
  segments: readonly string[],
): { route: RouteDefinition; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const parts = route.pattern.split("/").filter((p) => p !== "");
    if (parts.length !== segments.length) {
      continue;
    }
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      const segment = segments[i] ?? "";
      if (part.startsWith(":")) {
        params[part.slice(1)] = segment;
        return true;
      }
      return part === segment;
    });
    if (matches) {
      return { route, params };
    }
  }
  return undefined;
}

/** Goes to `href` (a `#/…` link), adding a history entry. */
export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, "");
}

/** Replaces the current hash without a history entry (for state such as filters typed live). */
export function replaceHash(href: string): void {
  const url = new URL(window.location.href);
  url.hash = href.replace(/^#/, "");
  window.history.replaceState(window.history.state, "", url);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/** The current location, following hash changes. */
export function useHashLocation(): HashLocation {
  const [location, setLocation] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const follow = (): void => setLocation(parseHash(window.location.hash));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  return location;
}
