//! Images (PNG, JPEG, TIFF including multi-page, WebP): their text by OCR, one page per
//! image (per TIFF page), and their EXIF metadata: date taken (the document's date when
//! nothing better exists), camera, GPS position and orientation.

use std::io::Cursor;

use crate::ocr::{OcrFailure, OcrMode, TESSERACT_MISSING, Tesseract};
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads images by OCR and their EXIF.
#[derive(Debug, Clone, Default)]
pub struct ImageExtractor {
    tesseract: Tesseract,
}

impl ImageExtractor {
    /// An extractor OCRing with this Tesseract.
    pub fn new(tesseract: Tesseract) -> Self {
        ImageExtractor { tesseract }
    }
}

/// The image format these bytes start with, by signature: `(extension, media type)`.
pub fn image_format(head: &[u8]) -> Option<(&'static str, &'static str)> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("png", "image/png"))
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("jpg", "image/jpeg"))
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        Some(("tif", "image/tiff"))
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some(("webp", "image/webp"))
    } else {
        None
    }
}

impl Extractor for ImageExtractor {
    fn name(&self) -> &'static str {
        "image"
    }

    fn version(&self) -> u32 {
        1
    }

    /// 90 for a PNG, JPEG, TIFF or WebP signature, 0 otherwise (the extension proves
    /// nothing).
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        if image_format(probe.head).is_some() {
            90
        } else {
            0
        }
    }

    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let (ext, media_type) = image_format(bytes).ok_or_else(|| ExtractError::Malformed {
            format: "image",
            reason: "not a PNG, JPEG, TIFF or WebP image".into(),
        })?;
        let mut out = Extraction {
            kind: "image".into(),
            media_type: media_type.into(),
            ..Extraction::default()
        };
        read_exif(bytes, &mut out);
        if hints.ocr.mode != OcrMode::Off {
            let result = tempfile::tempdir()
                .map_err(|e| {
                    OcrFailure::Failed(ExtractError::Crashed {
                        extractor: "ocr",
                        reason: format!("cannot make a folder for the image: {e}"),
                    })
                })
                .and_then(|work| {
                    let image = work.path().join(format!("in.{ext}"));
                    std::fs::write(&image, bytes).map_err(|e| {
                        OcrFailure::Failed(ExtractError::Crashed {
                            extractor: "ocr",
                            reason: format!("cannot write {}: {e}", image.display()),
                        })
                    })?;
                    self.tesseract.read(
                        &[image],
                        &[],
                        0,
                        &hints.ocr.languages,
                        work.path(),
                        hints.ocr_progress.as_ref(),
                    )
                });
            match result {
                Ok(pages) => {
                    out.pages = pages.iter().map(|p| p.text.clone()).collect();
                    out.ocr = pages;
                    if out.pages.iter().all(|p| p.trim().is_empty()) {
                        out.warnings.push("OCR found no text in the image".into());
                    }
                    out.meta
                        .insert("ocr.pages".into(), out.pages.len().to_string());
                }
                Err(OcrFailure::Missing) => out.warnings.push(TESSERACT_MISSING.into()),
                // A file Tesseract cannot decode is a bad image, reported as such.
                Err(OcrFailure::Failed(e)) => return Err(e),
            }
        } else {
            out.warnings
                .push("not OCRed (--ocr off): the image has no text".into());
        }
        out.text = out.pages.join("\n");
        Ok(out)
    }
}

/// EXIF into `meta` (`exif.date_taken`, `exif.camera`, `exif.gps`, `exif.orientation`),
/// and the date taken as the document's date.
fn read_exif(bytes: &[u8], out: &mut Extraction) {
    use exif::{In, Tag, Value};
    let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
        return;
    };
    let ascii = |tag: Tag| -> Option<String> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Ascii(parts) => parts.first().map(|b| {
                String::from_utf8_lossy(b)
                    .trim_matches(|c: char| c == '\0' || c.is_whitespace())
                    .to_owned()
            }),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    let taken = [Tag::DateTimeOriginal, Tag::DateTimeDigitized, Tag::DateTime]
        .into_iter()
        .find_map(|tag| ascii(tag).and_then(|raw| exif_date_to_iso(&raw)));
    if let Some(date) = taken {
        out.meta.insert("exif.date_taken".into(), date.clone());
        out.doc_date = Some(date);
    }
    let make = ascii(Tag::Make);
    let model = ascii(Tag::Model);
    let camera = match (make, model) {
        // Models often repeat the make (`Canon EOS 40D`).
        (Some(make), Some(model)) if model.to_lowercase().starts_with(&make.to_lowercase()) => {
            Some(model)
        }
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (one, other) => one.or(other),
    };
    if let Some(camera) = camera {
        out.meta.insert("exif.camera".into(), camera);
    }
    let coordinate = |tag: Tag, reference: Tag, negative: &str| -> Option<f64> {
        let Value::Rational(parts) = &exif.get_field(tag, In::PRIMARY)?.value else {
            return None;
        };
        let [d, m, s] = parts.get(..3)? else {
            return None;
        };
        let value = d.to_f64() + m.to_f64() / 60.0 + s.to_f64() / 3600.0;
        if !value.is_finite() {
            return None;
        }
        let sign = if ascii(reference).as_deref() == Some(negative) {
            -1.0
        } else {
            1.0
        };
        Some(sign * value)
    };
    if let (Some(lat), Some(lon)) = (
        coordinate(Tag::GPSLatitude, Tag::GPSLatitudeRef, "S"),
        coordinate(Tag::GPSLongitude, Tag::GPSLongitudeRef, "W"),
    ) {
        out.meta
            .insert("exif.gps".into(), format!("{lat:.6},{lon:.6}"));
    }
    if let Some(o) = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
    {
        out.meta.insert("exif.orientation".into(), o.to_string());
    }
}

/// An EXIF date (`2017:03:04 12:00:00`) as ISO 8601 (`2017-03-04T12:00:00`), the day only
/// when the clock is blank or impossible, `None` when the day is (`0000:00:00`).
pub fn exif_date_to_iso(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let day = raw.get(..10)?.replace(':', "-");
    dossier_dates::PartialDate::parse(&day).ok()?;
    let clock = raw.get(11..19).unwrap_or("");
    let full = format!("{day}T{clock}");
    if clock.len() == 8 && dossier_dates::parse_date_time(&full).is_ok() {
        Some(full)
    } else {
        Some(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_signature_only() {
        assert_eq!(
            image_format(b"\x89PNG\r\n\x1a\nxx").map(|f| f.0),
            Some("png")
        );
        assert_eq!(
            image_format(&[0xFF, 0xD8, 0xFF, 0xE0]).map(|f| f.0),
            Some("jpg")
        );
        assert_eq!(image_format(b"II*\0....").map(|f| f.0), Some("tif"));
        assert_eq!(
            image_format(b"RIFF\0\0\0\0WEBPVP8 ").map(|f| f.0),
            Some("webp")
        );
        assert_eq!(image_format(b"%PDF-1.4"), None);
    }

    #[test]
    fn exif_dates_become_iso_with_the_precision_they_have() {
        assert_eq!(
            exif_date_to_iso("2017:03:04 12:00:00").as_deref(),
            Some("2017-03-04T12:00:00")
        );
        assert_eq!(
            exif_date_to_iso("2017:03:04    :  :  ").as_deref(),
            Some("2017-03-04")
        );
        assert_eq!(exif_date_to_iso("0000:00:00 00:00:00"), None);
        assert_eq!(exif_date_to_iso("garbage"), None);
    }
}
