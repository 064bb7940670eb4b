// The OCR commands (crates/api/src/ocr.rs), added to the backend's table by declaration merging:
// what OCR read on a document's pages, a reviewer's corrected text for a page, and the case's
// settings (its default OCR languages). Their types are generated from the Rust ones.

import type {
  OcrCorrectOutput,
  OcrCorrectRequest,
  OcrPagesOutput,
  OcrPagesRequest,
  SettingsOutput,
  SettingsRequest,
} from "../../lib/backend/types";

export type { OcrPageView, OcrPagesOutput, OcrWord } from "../../lib/backend/types";

declare module "../../lib/backend/types" {
  interface Commands {
    /** Each OCR page of a document: confidence, maker, words with boxes, corrected text. */
    ocr_pages: { args: OcrPagesRequest; output: OcrPagesOutput };
    /** A reviewer's corrected text for an OCR page (audited; undo reverts it). */
    ocr_correct: { args: OcrCorrectRequest; output: OcrCorrectOutput };
    /** The case's settings, changing those given. */
    settings: { args: SettingsRequest; output: SettingsOutput };
  }
}
