// The exhibit commands (crates/api/src/exhibits.rs), added to the backend's table by declaration
// merging. Their types are generated from the Rust ones (lib/backend/generated.ts).

import type {
  ExhibitRequest,
  ExhibitsOutput,
  ExhibitsRequest,
  ExhibitView,
  ProduceOutput,
  ProduceRequest,
} from "../../lib/backend/types";

export type { ExhibitRequest, ExhibitView } from "../../lib/backend/types";

declare module "../../lib/backend/types" {
  interface Commands {
    /** Makes a document an exhibit (or, with `withdraw`, withdraws its exhibit). */
    exhibit: { args: ExhibitRequest; output: ExhibitView };
    /** The exhibit list as JSON, or an export (csv, dat). */
    exhibits: { args: ExhibitsRequest; output: ExhibitsOutput };
    /** Writes a production (stamped PDFs, texts, load files, manifest) into a folder. */
    produce: { args: ProduceRequest; output: ProduceOutput };
  }
}
