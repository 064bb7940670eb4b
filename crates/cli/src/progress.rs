//! A progress bar on a terminal; nothing when stderr is piped or output is JSON.

use std::io::IsTerminal;

use dossier_api::Event;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shows [`Event`]s to a person at a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar if stderr is a terminal, otherwise a silent sink.
    pub fn new(json: bool) -> Self {
        let interactive = !json && std::io::stderr().is_terminal();
        let bar = interactive.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{prefix:>7} [{bar:30}] {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        });
        Progress { bar }
    }

    /// Shows one event.
    pub fn event(&self, event: &Event) {
        match event {
            Event::Progress {
                phase,
                done,
                total,
                item,
            } => {
                if let Some(bar) = &self.bar {
                    bar.set_prefix(phase.clone());
                    bar.set_length(*total);
                    bar.set_position(*done);
                    if let Some(item) = item {
                        // An attachment's name comes from the email: shown, not obeyed.
                        bar.set_message(crate::visible::line(item).into_owned());
                    }
                }
            }
            // Waiting is worth saying even when piped: otherwise a script seems to hang.
            Event::Waiting { message } => match &self.bar {
                Some(bar) => bar.println(message),
                None => eprintln!("dossier: {message}"),
            },
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
