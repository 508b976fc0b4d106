//! The terminal loop: draw, read events, dispatch; the terminal is restored on every path.

use crate::app::App;
use crate::app::action::Action;
use anyhow::Result;
use ratatui::crossterm::event::{self, Event};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the app gets a tick (drafts are saved on ticks).
const TICK: Duration = Duration::from_millis(500);

/// Runs the app until it quits or a terminating signal arrives.
pub fn run(app: &mut App) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // ratatui::init installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(app, &mut terminal, &stop);
    ratatui::restore();
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|f| crate::ui::render(app, f))?;
        // While the list loads in the background, look for it often.
        let tick = if app.loader.is_some() {
            Duration::from_millis(30)
        } else {
            TICK
        };
        let timeout = tick.saturating_sub(last_tick.elapsed());
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(key) => app.handle_key(key),
                Event::Resize(w, h) => app.update(Action::Resize(w, h)),
                _ => {}
            }
        }
        if last_tick.elapsed() >= tick {
            app.update(Action::Tick);
            last_tick = Instant::now();
        }
        if stop.load(Ordering::Relaxed) {
            app.update(Action::Tick);
            return Ok(());
        }
        if app.should_quit {
            return Ok(());
        }
    }
}
