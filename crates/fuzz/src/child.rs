//! The child process: runs one target's inputs one after another, as the supervisor sends
//! them, and answers each with a verdict.
//!
//! Why a process: a hung thread cannot be stopped, and a stack overflow or a failed
//! allocation aborts the whole process; only a process boundary lets the supervisor see
//! those, save the input and go on with a fresh child. Running many inputs per child
//! (rather than one process per input) keeps the cost of a process start off each input.
//!
//! Protocol, both ways over pipes: the supervisor writes `u32 length (LE) + bytes`; the
//! child answers `u8 tag + u32 length (LE) + UTF-8 message` ([`Reply`]).

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use crate::targets::{Limits, Prepared, Target, Verdict};

/// One answer from the child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// See [`Verdict::Fine`].
    Fine,
    /// See [`Verdict::Contained`].
    Contained(String),
    /// The target panicked: the message with its location.
    Panic(String),
    /// The target reported a failure of a process it runs (`abort`, `hang`, `oom`).
    Failed(String, String),
}

/// Writes one input frame.
pub fn write_input(out: &mut dyn Write, input: &[u8]) -> io::Result<()> {
    let len = u32::try_from(input.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "input over 4 GiB"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(input)?;
    out.flush()
}

fn read_frame(input: &mut dyn Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut buf = vec![0u8; u32::from_le_bytes(len) as usize];
    input.read_exact(&mut buf)?;
    Ok(Some(buf))
}

/// Reads one reply; `None` when the child's output ended (it died).
pub fn read_reply(input: &mut dyn Read) -> io::Result<Option<Reply>> {
    let mut tag = [0u8; 1];
    match input.read_exact(&mut tag) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let Some(body) = read_frame(input)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&body).into_owned();
    Ok(Some(match tag[0] {
        b'F' => Reply::Fine,
        b'C' => Reply::Contained(text),
        b'P' => Reply::Panic(text),
        _ => {
            let (kind, message) = text.split_once('\n').unwrap_or(("abort", &text));
            Reply::Failed(kind.to_owned(), message.to_owned())
        }
    }))
}

fn write_reply(out: &mut dyn Write, reply: &Reply) -> io::Result<()> {
    let (tag, body) = match reply {
        Reply::Fine => (b'F', String::new()),
        Reply::Contained(m) => (b'C', m.clone()),
        Reply::Panic(m) => (b'P', m.clone()),
        Reply::Failed(kind, m) => (b'X', format!("{kind}\n{m}")),
    };
    out.write_all(&[tag])?;
    write_input(out, body.as_bytes())
}

/// The last panic's message and location, set by the hook (which prints nothing: the
/// supervisor gets the message in the reply, and a quiet stderr keeps the last lines of a
/// dying child readable).
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `target` on every input read from stdin until stdin closes.
///
/// The inputs run on a thread with `stack_kb` of stack: ingest's workers and the server's
/// threads have Rust's default 2 MiB, less than a main thread's 8 MiB, and a recursion that
/// fits in one may overflow the other.
pub fn serve(
    target: &'static Target,
    limits: Limits,
    stack_kb: usize,
    scratch: &std::path::Path,
) -> Result<(), String> {
    #[cfg(unix)]
    {
        let bytes = limits.memory_mb.saturating_mul(1024 * 1024);
        rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes).map_err(|e| {
            format!(
                "cannot limit the address space to {} MiB: {e}",
                limits.memory_mb
            )
        })?;
    }
    let prepared = Prepared::new(target, limits, scratch)?;
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{message}{location}"));
        }
    }));
    let worker = std::thread::Builder::new()
        .name(format!("fuzz-{}", target.name))
        .stack_size(stack_kb * 1024)
        .spawn(move || -> io::Result<()> {
            let mut stdin = BufReader::new(io::stdin().lock());
            let mut stdout = BufWriter::new(io::stdout().lock());
            write_reply(&mut stdout, &Reply::Fine)?;
            while let Some(input) = read_frame(&mut stdin)? {
                let reply = match catch_unwind(AssertUnwindSafe(|| prepared.run(&input))) {
                    Ok(Verdict::Fine) => Reply::Fine,
                    Ok(Verdict::Contained(m)) => Reply::Contained(m),
                    Ok(Verdict::Failed { kind, message }) => Reply::Failed(kind.into(), message),
                    Err(_) => Reply::Panic(
                        LAST_PANIC
                            .lock()
                            .ok()
                            .and_then(|mut l| l.take())
                            .unwrap_or_else(|| "unknown panic".into()),
                    ),
                };
                write_reply(&mut stdout, &reply)?;
            }
            Ok(())
        })
        .map_err(|e| format!("cannot start the fuzzing thread: {e}"))?;
    match worker.join() {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("the pipe to the supervisor broke: {e}")),
        Err(_) => Err("the fuzzing thread died".into()),
    }
}
