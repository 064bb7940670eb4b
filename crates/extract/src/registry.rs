//! The scored registry: every extractor bids on a file and the highest bid wins.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::email::EmailExtractor;
use crate::mbox::MboxContainer;
use crate::text::PlainTextExtractor;
use crate::{Container, ExtractError, Extraction, Extractor, Hints, Probe};

/// The extractors and containers Dossier knows, in no particular order.
pub struct Registry {
    extractors: Vec<Box<dyn Extractor>>,
    containers: Vec<Box<dyn Container>>,
}

impl Registry {
    /// Every extractor and container this build ships.
    pub fn standard() -> Self {
        Registry {
            extractors: vec![
                Box::new(PlainTextExtractor),
                Box::new(EmailExtractor),
                Box::new(crate::PdfExtractor::default()),
                Box::new(crate::HtmlExtractor),
                Box::new(crate::DocxExtractor),
                Box::new(crate::OdfExtractor),
                Box::new(crate::PptxExtractor),
                Box::new(crate::SpreadsheetExtractor),
                Box::new(crate::RtfExtractor),
                Box::new(crate::LegacyOfficeExtractor),
                Box::new(crate::ZipExtractor),
                Box::new(crate::TarExtractor),
                Box::new(crate::MsgExtractor),
                Box::new(crate::ImageExtractor::default()),
            ],
            containers: vec![
                Box::new(MboxContainer),
                Box::new(crate::WarcContainer),
                Box::new(crate::WaczContainer),
                Box::new(crate::PstContainer),
            ],
        }
    }

    /// A registry of exactly these extractors (for tests and specialised pipelines).
    pub fn with(extractors: Vec<Box<dyn Extractor>>) -> Self {
        Registry {
            extractors,
            containers: Vec::new(),
        }
    }

    /// Adds a streamed container (builder style).
    pub fn and_container(mut self, container: Box<dyn Container>) -> Self {
        self.containers.push(container);
        self
    }

    /// The names of its extractors, then of its containers, in registration order: the
    /// fuzzer's test checks that each has a fuzz target.
    pub fn names(&self) -> Vec<&'static str> {
        let extractors = self.extractors.iter().map(|x| x.name());
        extractors
            .chain(self.containers.iter().map(|c| c.name()))
            .collect()
    }

    /// The streamed container that outbids every extractor for this file, if one does.
    ///
    /// Asked first: a file a container wins is never read whole into memory.
    pub fn choose_container(&self, probe: &Probe<'_>) -> Option<&dyn Container> {
        let best_extractor = self.extractors.iter().map(|x| x.bid(probe)).max();
        let mut best: Option<(u8, &dyn Container)> = None;
        for c in &self.containers {
            let bid = c.bid(probe);
            if bid > 0 && best.is_none_or(|(b, _)| bid > b) {
                best = Some((bid, c.as_ref()));
            }
        }
        best.filter(|(bid, _)| best_extractor.is_none_or(|x| *bid > x))
            .map(|(_, c)| c)
    }

    /// The extractor with the highest non-zero bid; on a tie, the one registered first.
    pub fn choose(&self, probe: &Probe<'_>) -> Option<&dyn Extractor> {
        let mut best: Option<(u8, &dyn Extractor)> = None;
        for x in &self.extractors {
            let bid = x.bid(probe);
            if bid > 0 && best.is_none_or(|(b, _)| bid > b) {
                best = Some((bid, x.as_ref()));
            }
        }
        best.map(|(_, x)| x)
    }
}

/// Runs an extractor, turning a panic into an [`ExtractError::Panicked`].
///
/// Extractors for complex formats sit on third-party parsers that can panic on hostile
/// input; one bad file must never take down a batch or the app.
pub fn extract(
    extractor: &dyn Extractor,
    bytes: &[u8],
    hints: &Hints,
) -> Result<Extraction, ExtractError> {
    match catch_unwind(AssertUnwindSafe(|| extractor.extract(bytes, hints))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(ExtractError::Panicked {
                extractor: extractor.name(),
                message,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Bidder(&'static str, u8);
    impl Extractor for Bidder {
        fn name(&self) -> &'static str {
            self.0
        }
        fn version(&self) -> u32 {
            1
        }
        fn bid(&self, _: &Probe<'_>) -> u8 {
            self.1
        }
        fn extract(&self, _: &[u8], _: &Hints) -> Result<Extraction, ExtractError> {
            panic!("{} cannot read this", self.0)
        }
    }

    fn probe() -> Probe<'static> {
        Probe {
            file_name: Some("x.bin"),
            head: b"x",
            declared_kind: None,
        }
    }

    #[test]
    fn the_highest_bid_wins_and_zero_means_no() {
        let r = Registry::with(vec![
            Box::new(Bidder("low", 10)),
            Box::new(Bidder("high", 50)),
            Box::new(Bidder("none", 0)),
        ]);
        assert_eq!(r.choose(&probe()).map(|x| x.name()), Some("high"));
        let nobody = Registry::with(vec![Box::new(Bidder("none", 0))]);
        assert!(nobody.choose(&probe()).is_none());
    }

    #[test]
    fn a_panicking_extractor_becomes_an_error() {
        let x = Bidder("fragile", 1);
        let err = extract(&x, b"", &Hints::default()).expect_err("must fail");
        assert_eq!(
            err,
            ExtractError::Panicked {
                extractor: "fragile",
                message: "fragile cannot read this".into()
            }
        );
    }
}
