//! Reading the terminal on a thread of its own, so that the loop never waits inside
//! crossterm: on a terminal that hung up, crossterm's reader spins forever on
//! `read() = 0`, and the loop must still see the hang-up, save and end.

use ratatui::crossterm::event::{self, Event};
use std::io::IsTerminal;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// What the terminal gave within a wait.
#[derive(Debug)]
pub enum Input {
    /// A key, a resize, ...
    Event(Event),
    /// Nothing yet.
    Quiet,
    /// No more input will come: the terminal went away, or reading it failed.
    Ended(Option<std::io::Error>),
}

/// The terminal's events, read on their own thread.
pub struct Reader {
    rx: Receiver<std::io::Result<Event>>,
}

impl Reader {
    /// Starts the thread that reads events from the terminal.
    pub fn spawn() -> std::io::Result<Reader> {
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("caseload-input".into())
            .spawn(move || {
                loop {
                    let event = event::read();
                    let failed = event.is_err();
                    // The loop has ended (the process is about to exit), or reading failed.
                    if tx.send(event).is_err() || failed {
                        return;
                    }
                }
            })?;
        Ok(Reader { rx })
    }

    /// Waits up to `timeout` for the next event.
    pub fn next(&self, timeout: Duration) -> Input {
        if terminal_gone() {
            return Input::Ended(None);
        }
        match self.rx.recv_timeout(timeout) {
            Ok(Ok(event)) => Input::Event(event),
            Ok(Err(e)) => ended(e),
            Err(RecvTimeoutError::Timeout) if terminal_gone() => Input::Ended(None),
            Err(RecvTimeoutError::Timeout) => Input::Quiet,
            Err(RecvTimeoutError::Disconnected) => {
                ended(std::io::Error::other("the terminal input stopped"))
            }
        }
    }
}

/// Input ended: because the terminal went away (no error to report), or with `e`.
fn ended(e: std::io::Error) -> Input {
    Input::Ended((!terminal_gone()).then_some(e))
}

/// Whether the terminal went away (its window was closed): a terminal that hung up
/// answers no `ioctl` any more, so it is no terminal.
pub fn terminal_gone() -> bool {
    !std::io::stdin().is_terminal()
}
