// Files dropped on the desktop window go to the ingest panel on the case home, whichever screen
// was showing: the frame listens for drops (one listener for the whole window, so a drop is never
// ingested twice), shows the home, and hands the paths over once the panel is there.

import { useEffect } from "preact/hooks";

type Receiver = (paths: string[]) => void;

let receiver: Receiver | undefined;
let waiting: string[] | undefined;

/** Hands dropped paths to the ingest panel, or keeps them until it appears. */
export function deliverDroppedFiles(paths: string[]): void {
  if (receiver !== undefined) {
    receiver(paths);
  } else {
    waiting = [...(waiting ?? []), ...paths];
  }
}

/** Makes `receive` the one taker of dropped files while the calling component is shown. */
export function useDroppedFiles(receive: Receiver): void {
  useEffect(() => {
    receiver = receive;
    if (waiting !== undefined) {
      const paths = waiting;
      waiting = undefined;
      receive(paths);
    }
    return () => {
      if (receiver === receive) {
        receiver = undefined;
      }
    };
  }, [receive]);
}
