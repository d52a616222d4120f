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
                "timing {}: {name} {:.1} ms (RSS {} MB)",
                self.label,
                (now - self.last).as_secs_f64() * 1000.0,
                resident_mb()
            );
            self.last = now;
        }
    }
}

/// CPU time summed over many small tasks (one per page, say) under a name: it tells where
/// the time of a parallel phase goes. Printed by [`print_totals`].
pub fn add(name: &'static str, started: Instant) {
    if enabled() {
        let took = started.elapsed();
        let mut totals = TOTALS.lock().expect("timing lock");
        let entry = totals.entry(name).or_default();
        entry.0 += 1;
        entry.1 += took;
    }
}

static TOTALS: std::sync::Mutex<
    std::collections::BTreeMap<&'static str, (usize, std::time::Duration)>,
> = std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Prints (and clears) the totals of [`add`].
pub fn print_totals() {
    if enabled() {
        let mut totals = TOTALS.lock().expect("timing lock");
        for (name, (count, took)) in totals.iter() {
            eprintln!(
                "timing total: {name} {:.1} ms over {count} ({:.1} µs each)",
                took.as_secs_f64() * 1000.0,
                took.as_secs_f64() * 1e6 / *count as f64
            );
        }
        totals.clear();
    }
}

/// The process's resident memory now, in MB (Linux; 0 elsewhere).
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / 1_000_000)
}
