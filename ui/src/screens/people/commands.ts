// The cast-of-characters command (crates/api/src/people.rs), added to the backend's table by
// declaration merging. Its types are generated from the Rust ones (lib/backend/generated.ts).

import type { CorrespondenceLine, CorrespondenceRequest, PeopleRequest, Person, PersonRequest } from "../../lib/backend/types";

export type { CorrespondenceLine, Person } from "../../lib/backend/types";

declare module "../../lib/backend/types" {
  interface Commands {
    /** The case's email correspondents as people, most active first. */
    people: { args: PeopleRequest; output: Person[] };
    /** Merges people, splits an address off, or enters a person by hand (audited). */
    person: { args: PersonRequest; output: Person[] };
    /** Who wrote to whom, by month, with the messages behind each line. */
    correspondence: { args: CorrespondenceRequest; output: CorrespondenceLine[] };
  }
}
