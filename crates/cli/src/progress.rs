//! Progress display on standard error. indicatif draws nothing when standard error is not a
//! terminal, so pipes and CI logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner counting `unit`s for work of unknown length (streaming imports).
pub fn spinner(message: &str, unit: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(&format!("{{spinner}} {{msg}} {{pos}} {unit} ({{per_sec}})"))
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar
}

/// A bar for work whose length the library reports through its progress callback as
/// (done, total).
pub fn bar(message: &str, unit: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{msg}} {{wide_bar}} {{pos}}/{{len}} {unit} ({{eta}})"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(message.to_string());
    bar
}

/// A callback for a library's (done, total) progress that moves `bar`.
pub fn reporter(bar: &ProgressBar) -> impl FnMut(usize, usize) + '_ {
    move |done, total| {
        if bar.length() != Some(total as u64) {
            bar.set_length(total as u64);
        }
        bar.set_position(done as u64);
    }
}
