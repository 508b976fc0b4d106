//! The terminal loop: draw, read events, dispatch; the terminal is restored on every path.
//!
//! `SIGTERM`, `SIGHUP` (the terminal window closed) and `SIGINT` from outside end the loop
//! cleanly, and so does a terminal that went away without a signal (its input at an end):
//! the app gets a last [`Action::Tick`] (which saves drafts), the terminal is restored as
//! far as it still can be, and the process exits 0. A second such signal while that is
//! under way ends the process at once.
//!
//! Bracketed paste is on while the app runs: a paste arrives as one event and goes into
//! the field in one go (each pasted character as a key would redraw the form once per
//! character). So is the mouse, unless `--no-mouse` leaves it to the terminal (to select
//! text); moving it wakes nobody. Both are turned off wherever the terminal is restored,
//! a panic included.

mod input;
pub mod prompt;

use crate::app::App;
use crate::app::action::Action;
use anyhow::Result;
use input::{Input, Reader, terminal_gone};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the app gets a tick (drafts are saved on ticks).
const TICK: Duration = Duration::from_millis(500);

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The caseworker quit.
    Quit,
    /// A terminating signal, or a terminal that went away.
    Signal,
}

/// Work to start once the first frame is on screen (so that it never delays it).
pub type AfterFirstFrame = Box<dyn FnOnce(&mut App)>;

/// What the app asks of the terminal while it runs, besides bracketed paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Modes {
    /// Clicks and the wheel come to the app (`--no-mouse`: they stay the terminal's).
    pub mouse: bool,
}

impl Modes {
    /// The modes the command line asks for.
    pub fn from_cli(cli: &crate::cli::Cli) -> Modes {
        Modes {
            mouse: !cli.no_mouse,
        }
    }

    /// Writes what turns the modes on to `out` (the terminal).
    pub fn start(self, out: &mut impl Write) -> std::io::Result<()> {
        ratatui::crossterm::queue!(out, EnableBracketedPaste)?;
        if self.mouse {
            ratatui::crossterm::queue!(out, EnableMouseCapture)?;
        }
        out.flush()
    }

    /// Writes what turns the modes off again to `out`, as far as it still listens.
    pub fn end(self, out: &mut impl Write) {
        // A frame cut short by an error leaves no terminal waiting for its end.
        let _ =
            ratatui::crossterm::queue!(out, ratatui::crossterm::terminal::EndSynchronizedUpdate);
        let _ = ratatui::crossterm::queue!(out, DisableBracketedPaste);
        if self.mouse {
            let _ = ratatui::crossterm::queue!(out, DisableMouseCapture);
        }
        let _ = out.flush();
    }
}

/// Runs the app until it quits or a terminating signal arrives; `after_first_frame` runs
/// right after the first frame is drawn.
pub fn run(
    app: &mut App,
    modes: Modes,
    after_first_frame: Option<AfterFirstFrame>,
) -> Result<Ended> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        // The first signal sets the flag; a second one, while it is set, exits with 1.
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // ratatui::init installs a panic hook that restores the terminal first; ours, before
    // it, turns bracketed paste and the mouse off.
    let mut terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        modes.end(&mut std::io::stdout());
        ratatui_hook(info);
    }));
    app.set_mouse(modes.mouse);
    let result = modes
        .start(&mut std::io::stdout())
        .map_err(anyhow::Error::from)
        .and_then(|()| Reader::spawn().map_err(anyhow::Error::from))
        .and_then(|input| event_loop(app, &mut terminal, &stop, &input, after_first_frame));
    // Whatever ended the loop, the app saves what is in progress before the terminal goes.
    if !matches!(result, Ok(Ended::Quit)) {
        app.tick();
    }
    // Dropping the terminal shows the cursor, and says so on stderr when it cannot:
    // with the terminal gone, that message would end the process with a panic.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    restore(modes);
    result
}

/// Bracketed paste and the mouse off, raw mode off and the alternate screen left, each as
/// far as it goes: a terminal that went away fails them all, and there is nothing left to
/// restore (nor to tell).
fn restore(modes: Modes) {
    use ratatui::crossterm::{execute, terminal};
    modes.end(&mut std::io::stdout());
    let _ = terminal::disable_raw_mode();
    let _ = execute!(std::io::stdout(), terminal::LeaveAlternateScreen);
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    stop: &AtomicBool,
    input: &Reader,
    mut after_first_frame: Option<AfterFirstFrame>,
) -> Result<Ended> {
    let mut last_tick = Instant::now();
    let size = terminal.size()?;
    app.dispatch(Action::Resize(size.width, size.height));
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(Ended::Signal);
        }
        if app.should_quit() {
            return Ok(Ended::Quit);
        }
        match step(app, terminal, input, &mut last_tick, &mut after_first_frame) {
            Ok(None) => {}
            Ok(Some(ended)) => return Ok(ended),
            // A closed terminal fails reads and writes: a hang-up, not an error.
            Err(_) if stop.load(Ordering::Relaxed) || terminal_gone() => {
                return Ok(Ended::Signal);
            }
            Err(e) => return Err(e),
        }
    }
}

/// One turn: draw, wait for an event or the next tick, dispatch. Returns how the loop
/// ends when the terminal's input has.
fn step(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    input: &Reader,
    last_tick: &mut Instant,
    after_first_frame: &mut Option<AfterFirstFrame>,
) -> Result<Option<Ended>> {
    draw(app, terminal)?;
    if let Some(start) = after_first_frame.take() {
        start(app);
    }
    // While the list loads in the background, look for it often.
    let tick = if app.busy() {
        Duration::from_millis(30)
    } else {
        TICK
    };
    match wait(input, *last_tick + tick) {
        Input::Event(event) => app.handle_event(event),
        Input::Quiet => {}
        Input::Ended(None) => return Ok(Some(Ended::Signal)),
        Input::Ended(Some(e)) => return Err(e.into()),
    }
    if last_tick.elapsed() >= tick {
        app.tick();
        *last_tick = Instant::now();
    }
    Ok(None)
}

/// Draws the app, again at most once: when the frame moved what it shows (see
/// `App::drawn`). One synchronized update: a terminal that knows it (mode 2026) shows the
/// frame whole, never half-drawn, others ignore it; and whoever reads the terminal knows
/// where a frame ends (the key-to-frame bench does).
fn draw(app: &mut App, terminal: &mut ratatui::DefaultTerminal) -> Result<()> {
    use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
    ratatui::crossterm::queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    for _ in 0..2 {
        let mut drawn = crate::app::Drawn::default();
        terminal.draw(|f| drawn = crate::ui::render(app.state(), f))?;
        if !app.drawn(drawn) {
            break;
        }
    }
    ratatui::crossterm::execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

/// The next event until `deadline`; the mouse moving (or a button let go) is passed over,
/// so that it draws no frame.
fn wait(input: &Reader, deadline: Instant) -> Input {
    loop {
        let timeout = deadline.saturating_duration_since(Instant::now());
        match input.next(timeout) {
            Input::Event(Event::Mouse(m)) if !crate::app::mouse::acts(m.kind) => {}
            other => return other,
        }
    }
}
