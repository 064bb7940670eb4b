//! The supervisor's side of a child process: start it, hand it inputs, wait for each
//! answer under the hang limit, and tell from how it died what went wrong.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::child::{Reply, read_reply, write_input};
use crate::targets::{Limits, Target};

/// How much of a dying child's stderr is kept (its last lines say why it died).
const STDERR_TAIL: usize = 16 * 1024;
/// How long a child may take to get ready (open the schema, find the worker).
const STARTUP: Duration = Duration::from_secs(60);

/// What one input did, seen from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read or refused cleanly.
    Fine,
    /// A failure the design contains (the PDF parser's caught panic); counted only.
    Contained(String),
    /// A finding.
    Found(Finding),
}

/// Something wrong, with enough to recognise the same bug again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The target.
    pub target: String,
    /// `panic`, `abort` (stack overflow, a signal), `hang` or `oom`.
    pub kind: String,
    /// What was seen: the panic message and location, the last lines of stderr.
    pub message: String,
}

impl Finding {
    /// What makes two findings the same bug: the target, the kind and the panic's location
    /// (or, without one, the message with its numbers blanked).
    pub fn signature(&self) -> String {
        let detail = match self.message.rsplit_once(" at ") {
            Some((_, loc)) if self.kind == "panic" => {
                // file:line, without the column
                loc.rsplit_once(':').map_or(loc, |(fl, _)| fl).to_owned()
            }
            _ => {
                // Numbers (thread ids, sizes) differ between hits of the same bug.
                let mut detail = String::new();
                for c in self.message.lines().next().unwrap_or_default().chars() {
                    if !c.is_ascii_digit() {
                        detail.push(c);
                    } else if !detail.ends_with('#') {
                        detail.push('#');
                    }
                }
                detail
            }
        };
        format!("{} {} {}", self.target, self.kind, detail)
    }
}

/// A running child process for one target.
pub struct Supervised {
    exe: PathBuf,
    target: &'static Target,
    limits: Limits,
    stack_kb: usize,
    live: Option<Live>,
    /// The exit status and stderr of the last child reaped by [`Supervised::kill`].
    reap_last: Option<(Option<ExitStatus>, String)>,
    /// A folder for the child's files (the query target's index), removed with this.
    scratch: PathBuf,
    /// How many child processes were started (one more after each crash or hang).
    pub starts: u64,
}

struct Live {
    process: Child,
    stdin: ChildStdin,
    replies: Receiver<Option<Reply>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_thread: Option<JoinHandle<()>>,
}

impl Supervised {
    /// A supervisor for `target`, running children of the program at `exe`.
    pub fn new(exe: &Path, target: &'static Target, limits: Limits, stack_kb: usize) -> Self {
        Supervised {
            exe: exe.to_owned(),
            target,
            limits,
            stack_kb,
            live: None,
            reap_last: None,
            scratch: std::env::temp_dir().join(format!(
                "dossier-fuzz-{}-{}",
                std::process::id(),
                target.name
            )),
            starts: 0,
        }
    }

    fn start(&mut self) -> Result<&mut Live, String> {
        if self.live.is_none() {
            let mut command = Command::new(&self.exe);
            command
                .arg("child")
                .arg(self.target.name)
                .arg("--hang-ms")
                .arg(self.limits.hang.as_millis().to_string())
                .arg("--memory-mb")
                .arg(self.limits.memory_mb.to_string())
                .arg("--stack-kb")
                .arg(self.stack_kb.to_string())
                .arg("--scratch")
                .arg(&self.scratch)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                // The reason a child died is in its last lines; a backtrace would bury it.
                .env("RUST_BACKTRACE", "0");
            let mut process = command
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", self.exe.display()))?;
            let (Some(stdin), Some(stdout), Some(mut stderr_pipe)) = (
                process.stdin.take(),
                process.stdout.take(),
                process.stderr.take(),
            ) else {
                let _ = process.kill();
                let _ = process.wait();
                return Err("the child's pipes could not be opened".into());
            };
            let (tx, replies) = channel();
            std::thread::spawn(move || {
                let mut stdout = BufReader::new(stdout);
                loop {
                    let reply = read_reply(&mut stdout).ok().flatten();
                    let end = reply.is_none();
                    if tx.send(reply).is_err() || end {
                        return;
                    }
                }
            });
            let stderr = Arc::new(Mutex::new(Vec::new()));
            let tail = Arc::clone(&stderr);
            let stderr_thread = std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stderr_pipe.read(&mut buf) {
                    if n == 0 {
                        return;
                    }
                    if let Ok(mut t) = tail.lock() {
                        t.extend_from_slice(&buf[..n]);
                        let excess = t.len().saturating_sub(STDERR_TAIL);
                        t.drain(..excess);
                    }
                }
            });
            self.starts += 1;
            self.live = Some(Live {
                process,
                stdin,
                replies,
                stderr,
                stderr_thread: Some(stderr_thread),
            });
            // The child answers once when it is ready; a child that cannot prepare its
            // target (no PDF worker) says why on stderr and exits.
            let ready = self.live.as_ref().map(|l| l.replies.recv_timeout(STARTUP));
            if !matches!(ready, Some(Ok(Some(Reply::Fine)))) {
                self.kill();
                let (_, stderr) = self.reap_last.take().unwrap_or_default();
                return Err(format!(
                    "target {} could not start: {}",
                    self.target.name,
                    stderr.trim()
                ));
            }
        }
        self.live
            .as_mut()
            .ok_or_else(|| "the child was not started".to_owned())
    }

    /// Runs one input in the child (starting one if needed) and says what it did.
    pub fn run(&mut self, input: &[u8]) -> Result<Outcome, String> {
        let hang = self.limits.hang;
        let target = self.target.name.to_owned();
        let live = self.start()?;
        // A failed write means the child died; its reply channel says how.
        let _ = write_input(&mut live.stdin, input);
        let found = |kind: &str, message: String| {
            Outcome::Found(Finding {
                target: target.clone(),
                kind: kind.to_owned(),
                message,
            })
        };
        match live.replies.recv_timeout(hang) {
            Ok(Some(Reply::Fine)) => Ok(Outcome::Fine),
            Ok(Some(Reply::Contained(m))) => Ok(Outcome::Contained(m)),
            Ok(Some(Reply::Panic(m))) => Ok(found("panic", m)),
            Ok(Some(Reply::Failed(kind, m))) => Ok(found(&kind, m)),
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Ok(found(
                    "hang",
                    format!("no answer within {} s", hang.as_secs_f32()),
                ))
            }
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                let (status, stderr) = self.reap();
                Ok(classify_death(status, &stderr, &target))
            }
        }
    }

    /// Stops the child. A PDF worker it started is not left behind: the extractor in the
    /// child kills its worker at three quarters of the hang limit, before the child can be
    /// found hung.
    pub fn kill(&mut self) {
        if let Some(live) = &mut self.live {
            let _ = live.process.kill();
        }
        self.reap_last = Some(self.reap());
    }

    /// Waits for the dead child and takes its exit status and the tail of its stderr.
    fn reap(&mut self) -> (Option<ExitStatus>, String) {
        let Some(mut live) = self.live.take() else {
            return (None, String::new());
        };
        drop(live.stdin);
        let status = live.process.wait().ok();
        if let Some(t) = live.stderr_thread.take() {
            let _ = t.join();
        }
        let stderr = live
            .stderr
            .lock()
            .map(|t| String::from_utf8_lossy(&t).into_owned())
            .unwrap_or_default();
        (status, stderr)
    }
}

impl Drop for Supervised {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// Why a child died without answering: out of memory (a failed allocation aborts with
/// "memory allocation of N bytes failed"), a stack overflow, or another abort or signal.
fn classify_death(status: Option<ExitStatus>, stderr: &str, target: &str) -> Outcome {
    let last_lines: Vec<&str> = stderr.lines().rev().take(4).collect();
    let tail = last_lines.into_iter().rev().collect::<Vec<_>>().join(" | ");
    let how = status.map_or_else(|| "lost".to_owned(), describe_status);
    let line = |needle: &str| stderr.lines().find(|l| l.contains(needle)).map(str::trim);
    let (kind, message) = if let Some(l) = line("memory allocation of") {
        ("oom", format!("memory limit exceeded ({how}): {l}"))
    } else if let Some(l) = line("overflowed its stack") {
        ("abort", format!("stack overflow ({how}): {l}"))
    } else {
        ("abort", format!("the child died ({how}): {tail}"))
    };
    Outcome::Found(Finding {
        target: target.to_owned(),
        kind: kind.to_owned(),
        message,
    })
}

fn describe_status(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("signal {signal}");
        }
    }
    status.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: &str, message: &str) -> Finding {
        Finding {
            target: "query".into(),
            kind: kind.into(),
            message: message.into(),
        }
    }

    #[test]
    fn the_same_bug_hit_twice_has_one_signature_whatever_its_numbers() {
        let a = finding(
            "abort",
            "stack overflow (signal 6): thread 'fuzz-query' (6764) has overflowed its stack",
        );
        let b = finding(
            "abort",
            "stack overflow (signal 6): thread 'fuzz-query' (16308) has overflowed its stack",
        );
        assert_eq!(a.signature(), b.signature());
        let p1 = finding(
            "panic",
            "index out of bounds: the len is 3 but the index is 5 at crates/extract/src/email.rs:120:9",
        );
        let p2 = finding(
            "panic",
            "index out of bounds: the len is 0 but the index is 1 at crates/extract/src/email.rs:120:17",
        );
        assert_eq!(p1.signature(), p2.signature());
        let elsewhere = finding(
            "panic",
            "index out of bounds: the len is 0 but the index is 1 at crates/extract/src/email.rs:121:17",
        );
        assert_ne!(p1.signature(), elsewhere.signature());
    }
}
