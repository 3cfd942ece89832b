//! Gale and Church's length model: the cost of putting `source` characters against `target`
//! characters, as minus the log of the probability of the length difference.

/// Variance of the length difference per source character (Gale and Church: 6.8).
pub const VARIANCE: f64 = 6.8;

/// The standard normal's upper tail, by the Abramowitz–Stegun approximation 26.2.17.
fn upper_tail(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * z);
    let density = (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    (density * poly).clamp(1e-300, 1.0)
}

/// −ln P(δ) for source and target lengths (characters) with `ratio` target characters per
/// source character expected.
pub fn cost(source: usize, target: usize, ratio: f64) -> f64 {
    let (source, target) = (source as f64, target as f64);
    if source == 0.0 && target == 0.0 {
        return 0.0;
    }
    let mean = (source + target / ratio) / 2.0;
    let delta = (target - source * ratio) / (mean * VARIANCE).max(1.0).sqrt();
    let probability = 2.0 * upper_tail(delta.abs());
    -probability.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_lengths_cost_least() {
        assert!(cost(100, 100, 1.0) < 0.1);
        assert!(cost(100, 100, 1.0) < cost(100, 130, 1.0));
        assert!(cost(100, 130, 1.0) < cost(100, 200, 1.0));
        assert!(cost(100, 110, 1.1) < cost(100, 100, 1.1));
    }
}
