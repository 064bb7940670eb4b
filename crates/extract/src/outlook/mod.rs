//! Outlook mail: `.msg` messages (see [`msg`]) and `.pst`/`.ost` stores (see [`pst`]).

mod msg;
mod properties;
mod pst;
mod rtf;

pub use msg::{MSG_MEDIA_TYPE, MsgExtractor};
pub use pst::PstContainer;
pub use rtf::compressed_rtf_text;
