// Starts the UI: the app frame over the backend this page can reach, on the registered routes.

import "./style.css";
import { render } from "preact";
import { getBackend } from "./lib/backend";
import { App } from "./app/app";
import { routes } from "./app/routes";

const root = document.getElementById("app");
if (root !== null) {
  root.removeAttribute("aria-busy");
  root.replaceChildren();
  render(<App backend={getBackend()} routes={routes} />, root);
}
