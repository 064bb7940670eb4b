//! `tags`: the case's tags, each with how many documents carry it; what the review UI offers
//! as it autocompletes a tag.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiResult, CaseAt, open_case};

/// `tags` arguments: none beyond the case.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct TagsRequest {}

/// A tag of the case and how many documents carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// How many documents carry it (0 for a tag only events carry).
    pub documents: u64,
}

/// Every tag a document or a standing event carries, sorted by name.
pub fn tags(path: &(impl CaseAt + ?Sized), _request: &TagsRequest) -> ApiResult<Vec<TagCount>> {
    let case = open_case(path)?;
    Ok(case
        .tag_counts()?
        .into_iter()
        .map(|(tag, documents)| TagCount { tag, documents })
        .collect())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::{EventAdd, EventRequest, IngestRequest, PathScope, TagRequest};

    fn tag(case: &Path, doc: Option<i64>, event: Option<i64>, tags: &[&str], remove: bool) {
        crate::tag(
            case,
            &TagRequest {
                doc,
                event,
                tags: tags.iter().map(|t| t.to_string()).collect(),
                remove,
                ..Default::default()
            },
        )
        .expect("tag");
    }

    #[test]
    fn tags_are_listed_by_name_with_the_documents_carrying_each() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        assert_eq!(tags(&case, &TagsRequest {}).expect("tags"), []);

        let files = dir.path().join("files");
        std::fs::create_dir_all(&files).expect("mkdir");
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(files.join(name), format!("the text of {name}")).expect("write");
        }
        let ingested = crate::ingest(
            &case,
            &IngestRequest {
                paths: vec![files],
                ..Default::default()
            },
            &PathScope::Anything,
            &|_| {},
        )
        .expect("ingest");
        let [a, b, c] = ingested.documents[..] else {
            panic!("three documents: {ingested:?}");
        };
        tag(&case, Some(a), None, &["privileged", "hot"], false);
        tag(&case, Some(b), None, &["hot"], false);
        tag(&case, Some(c), None, &["draft"], false);
        tag(&case, Some(c), None, &["draft"], true);
        let event = crate::event(
            &case,
            &EventRequest::Add(EventAdd {
                title: "Meeting".into(),
                date: "2024-03-01".into(),
                ..Default::default()
            }),
            &PathScope::Anything,
        )
        .expect("event");
        let crate::EventOutput::Event(event) = event else {
            panic!("an event");
        };
        tag(&case, None, Some(event.id), &["timeline only"], false);

        let counted = |tag: &str, documents: u64| TagCount {
            tag: tag.into(),
            documents,
        };
        assert_eq!(
            tags(&case, &TagsRequest {}).expect("tags"),
            [
                counted("hot", 2),
                counted("privileged", 1),
                counted("timeline only", 0)
            ],
            "sorted by name; a tag no longer carried is gone"
        );
    }
}
