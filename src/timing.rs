//! Phase timings for profiling, printed to stderr when `CERMIN_TIMINGS` is set.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CERMIN_TIMINGS").is_some())
}

/// Times the phases of one piece of work.
pub struct Phases {
    label: &'static str,
    last: Instant,
}

impl Phases {
    pub fn new(label: &'static str) -> Phases {
        Phases {
            label,
            last: Instant::now(),
        }
    }

    /// Ends the phase called `name`.
    pub fn mark(&mut self, name: &str) {
        if enabled() {
            let now = Instant::now();
            eprintln!(
                "timing {}: {name} {:.1} ms",
                self.label,
                (now - self.last).as_secs_f64() * 1000.0
            );
            self.last = now;
        }
    }
}
