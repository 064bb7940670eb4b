//! Images on real files from the corpus (`../shared/corpus/scans`): their text by OCR
//! (Tesseract), one page per image, and their EXIF against ExifTool's reading.
//!
//! Tesseract is a declared dependency (`scripts/install-system-deps.sh`): without it these
//! tests fail under CI and say why elsewhere.

use std::time::Duration;

use dossier_extract::ocr::{OcrMode, OcrSettings, TESSERACT_MISSING, Tesseract};
use dossier_extract::{Extraction, Extractor, Hints, ImageExtractor};
use dossier_tests::{corpus_path, running_under_ci};

fn tesseract_installed() -> bool {
    if Tesseract::default().version().is_some() {
        return true;
    }
    assert!(
        !running_under_ci(),
        "tesseract is not installed (scripts/install-system-deps.sh installs it): OCR cannot be tested"
    );
    eprintln!("SKIPPED: tesseract is not installed; scripts/install-system-deps.sh installs it");
    false
}

fn image(relative: &str, mode: OcrMode) -> Option<Extraction> {
    let path = corpus_path(relative)?;
    let bytes = std::fs::read(&path).expect("corpus image");
    let hints = Hints {
        file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
        ocr: OcrSettings {
            mode,
            ..OcrSettings::default()
        },
        ..Hints::default()
    };
    Some(
        ImageExtractor::default()
            .extract(&bytes, &hints)
            .expect("reads"),
    )
}

const PHOTOTEST_FIRST_LINE: &str = "This is a lot of 12 point text to test the";

#[test]
fn a_scanned_tiff_is_read_with_word_boxes_confidence_and_its_maker() {
    if !tesseract_installed() {
        return;
    }
    let Some(x) = image("scans/real/tesseract_phototest.tif", OcrMode::Auto) else {
        return;
    };
    assert_eq!(x.kind, "image");
    assert_eq!(x.media_type, "image/tiff");
    assert_eq!(x.pages.len(), 1);
    assert!(
        x.pages[0].starts_with(PHOTOTEST_FIRST_LINE),
        "{}",
        x.pages[0]
    );
    let page = &x.ocr[0];
    assert_eq!(page.engine, "tesseract");
    assert!(!page.engine_version.is_empty());
    assert_eq!(page.languages, "eng");
    assert!(page.mean_confidence >= 80, "{}", page.mean_confidence);
    let first = &page.words[0];
    assert_eq!(first.text, "This");
    assert!(
        first.left + first.width <= page.image_width
            && first.top + first.height <= page.image_height,
        "a word's box lies on the image"
    );
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
}

#[test]
fn a_page_scanned_upside_down_or_sideways_is_read_the_right_way_up() {
    if !tesseract_installed() {
        return;
    }
    for name in [
        "tesseract_phototest-rotated-180.png",
        "tesseract_phototest-rotated-R.png",
    ] {
        let Some(x) = image(&format!("scans/real/{name}"), OcrMode::Auto) else {
            return;
        };
        assert!(x.text.contains(PHOTOTEST_FIRST_LINE), "{name}: {}", x.text);
    }
}

#[test]
fn without_tesseract_an_image_says_ocr_is_unavailable_instead_of_an_empty_success() {
    let Some(path) = corpus_path("scans/real/tesseract_phototest.tif") else {
        return;
    };
    let bytes = std::fs::read(path).expect("corpus image");
    let missing = Tesseract::new("/nonexistent/tesseract", Duration::from_secs(5), 256);
    let x = ImageExtractor::new(missing)
        .extract(&bytes, &Hints::default())
        .expect("the image is still a document");
    assert_eq!(x.warnings, vec![TESSERACT_MISSING.to_owned()]);
    assert!(x.ocr.is_empty());
}

/// Every photo's EXIF as ExifTool reads it (`expected/photos/NAME.json`, numeric): date
/// taken, camera, GPS position and orientation.
#[test]
fn photos_carry_the_exif_exiftool_reads() {
    let Some(expected_dir) = corpus_path("scans/expected/photos") else {
        return;
    };
    let mut checked = 0;
    for name in [
        "exiftool_Apple.jpg",
        "exiftool_Canon.jpg",
        "exiftool_GPS.jpg",
        "exiftool_GoPro.jpg",
        "exiftool_Nikon.jpg",
        "exiftool_XMP.jpg",
        "pydocx_court-exif.jpg",
        "kamadakexif_exif.png",
        "kamadakexif_exif.webp",
    ] {
        let Some(x) = image(&format!("scans/photos/{name}"), OcrMode::Off) else {
            return;
        };
        let json = std::fs::read_to_string(expected_dir.join(format!("{name}.json")))
            .expect("expected EXIF");
        let field = |key: &str| -> Option<String> {
            let at = json.find(&format!("\"{key}\": "))? + key.len() + 4;
            let rest = &json[at..];
            let end = rest.find(['\n', ','])?;
            Some(rest[..end].trim().trim_matches('"').to_owned())
        };
        if let Some(taken) = field("DateTimeOriginal") {
            let iso = dossier_extract::exif_date_to_iso(&taken);
            assert_eq!(x.meta.get("exif.date_taken"), iso.as_ref(), "{name}");
            assert_eq!(
                x.doc_date, iso,
                "{name}: the date taken is the document's date"
            );
        }
        if let Some(model) = field("Model") {
            let camera = x.meta.get("exif.camera").expect("camera");
            assert!(camera.contains(&model), "{name}: {camera} vs {model}");
        }
        if let (Some(lat), Some(lon)) = (field("GPSLatitude"), field("GPSLongitude")) {
            let gps = x.meta.get("exif.gps").expect("GPS");
            let (got_lat, got_lon) = gps.split_once(',').expect("lat,lon");
            let close = |a: &str, b: &str| {
                (a.parse::<f64>().expect("number") - b.parse::<f64>().expect("number")).abs() < 1e-5
            };
            assert!(
                close(got_lat, &lat) && close(got_lon, &lon),
                "{name}: {gps} vs {lat},{lon}"
            );
        }
        if let Some(o) = field("Orientation") {
            assert_eq!(x.meta.get("exif.orientation"), Some(&o), "{name}");
        }
        checked += 1;
    }
    assert_eq!(checked, 9);
}
