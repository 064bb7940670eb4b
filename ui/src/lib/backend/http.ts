// The backend in a browser, under `dossier serve`: `POST /api/<command>` with the run's token,
// and progress as server-sent events from `/api/events`.

import type { Backend } from "./index";
import { BackendError, isApiError, type ArgsOf, type CommandName, type OutputOf, type ProgressEvent } from "./types";

/** Calls the HTTP server's commands; each is one call into crates/api. */
export class HttpBackend implements Backend {
  readonly desktop = undefined;
  readonly #origin: string;
  readonly #token: string;

  constructor(origin: string, token: string) {
    this.#origin = origin;
    this.#token = token;
  }

  async call<K extends CommandName>(name: K, args: ArgsOf<K>): Promise<OutputOf<K>> {
    let response: Response;
    try {
      response = await fetch(`${this.#origin}/api/${name}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.#token}`, "Content-Type": "application/json" },
        body: JSON.stringify(args),
      });
    } catch (reason) {
      throw BackendError.from(reason);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      throw isApiError(body)
        ? new BackendError(body.code, body.message)
        : new BackendError("transport", `the server answered ${response.status} ${response.statusText}`);
    }
    return body as OutputOf<K>;
  }

  onProgress(listener: (event: ProgressEvent) => void): Promise<() => void> {
    // EventSource cannot send headers, so the stream alone takes the token in its query.
    const source = new EventSource(`${this.#origin}/api/events?token=${encodeURIComponent(this.#token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      listener(JSON.parse(message.data) as ProgressEvent);
    };
    return Promise.resolve(() => source.close());
  }
}
