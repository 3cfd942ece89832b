//! Dynamic programming over beads within a band around the diagonal.

use super::{Bead, BeadCost};

/// The bead shapes tried: (source segments, target segments).
pub const SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Aligns `n` source with `m` target segments; `cost(i, j, a, b)` is the cost of the bead of
/// source `i..i + a` and target `j..j + b`. Cells farther than `band` from the diagonal are not
/// visited; when the best path touches the band's edge the band is doubled and the run repeated.
pub fn align(n: usize, m: usize, band: usize, cost: &mut dyn BeadCost) -> Vec<Bead> {
    let diagonal: Vec<usize> = (0..=n).map(|i| diagonal_center(i, n, m)).collect();
    align_around(n, m, band, &diagonal, cost)
}

/// Like [`align`], but the band follows `centers` (the target position expected at each source
/// position, `n + 1` values) instead of the diagonal; used to realign close to a first path.
pub fn align_around(
    n: usize,
    m: usize,
    band: usize,
    centers: &[usize],
    cost: &mut dyn BeadCost,
) -> Vec<Bead> {
    let mut band = band.max(4);
    loop {
        let (beads, touched_edge) = run(n, m, band, centers, cost);
        if !touched_edge || band >= n.max(m) {
            return beads;
        }
        band *= 2;
    }
}

/// The target position at each source position along a path of beads (`n + 1` values).
pub fn path_centers(beads: &[Bead], n: usize) -> Vec<usize> {
    let mut centers = vec![0; n + 1];
    for bead in beads {
        for (k, i) in bead.source.clone().enumerate() {
            if let Some(c) = centers.get_mut(i) {
                *c = bead.target.start + (k * bead.target.len()) / bead.source.len().max(1);
            }
        }
        if let Some(c) = centers.get_mut(bead.source.end) {
            *c = bead.target.end;
        }
    }
    centers
}

fn diagonal_center(i: usize, n: usize, m: usize) -> usize {
    if n == 0 {
        0
    } else {
        ((i as u128 * m as u128) / n as u128) as usize
    }
}

/// The dynamic programming keeps three states per cell: the last bead was a pair (0), an
/// inserted target segment (1) or a dropped source segment (2), so that a run of insertions or
/// deletions pays the gap's prior once and then only `BeadCost::gap_extension` per segment (an
/// affine gap, as in sequence alignment): a block of text that only one side has stays one block.
fn run(
    n: usize,
    m: usize,
    band: usize,
    centers: &[usize],
    cost: &mut dyn BeadCost,
) -> (Vec<Bead>, bool) {
    const STATES: usize = 3;
    let width = 2 * band + 1;
    let center = |i: usize| centers.get(i).copied().unwrap_or(m).min(m);
    let low = |i: usize| center(i).saturating_sub(band);
    let high = |i: usize| (center(i) + band).min(m);
    let mut best = vec![f64::INFINITY; (n + 1) * width * STATES];
    // Per cell and state: the shape index and the state the bead came from.
    let mut back = vec![(u8::MAX, 0u8); (n + 1) * width * STATES];
    let slot = |i: usize, j: usize| -> Option<usize> {
        let lo = low(i);
        (j >= lo && j <= high(i)).then(|| (i * width + (j - lo)) * STATES)
    };
    if let Some(start) = slot(0, 0) {
        if let Some(cell) = best.get_mut(start) {
            *cell = 0.0;
        }
    }
    let extension = cost.gap_extension();
    for i in 0..=n {
        for j in low(i)..=high(i) {
            let Some(here) = slot(i, j) else { continue };
            if i == 0 && j == 0 {
                continue;
            }
            for (index, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(previous) = slot(i - a, j - b) else {
                    continue;
                };
                let state = match (a, b) {
                    (0, _) => 1,
                    (_, 0) => 2,
                    _ => 0,
                };
                let mut bead_cost = None;
                for from in 0..STATES {
                    let before = best.get(previous + from).copied().unwrap_or(f64::INFINITY);
                    if !before.is_finite() {
                        continue;
                    }
                    let step = if state != 0 && from == state {
                        extension
                    } else {
                        *bead_cost.get_or_insert_with(|| cost.cost(i - a, j - b, a, b))
                    };
                    let total = before + step;
                    if total < best.get(here + state).copied().unwrap_or(f64::INFINITY) {
                        if let Some(cell) = best.get_mut(here + state) {
                            *cell = total;
                        }
                        if let Some(cell) = back.get_mut(here + state) {
                            *cell = (index as u8, from as u8);
                        }
                    }
                }
            }
        }
    }
    // Trace back from (n, m) in its cheapest state.
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    let Some(end) = slot(n, m) else {
        return (fallback(n, m), true);
    };
    let mut state = (0..STATES)
        .min_by(|&x, &y| {
            let (a, b) = (best.get(end + x), best.get(end + y));
            a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
        })
        .unwrap_or(0);
    let mut touched = false;
    while i > 0 || j > 0 {
        let Some(here) = slot(i, j) else {
            return (fallback(n, m), true);
        };
        if i > 0 && (j == low(i) && j > 0 || j == high(i) && j < m) {
            touched = true;
        }
        let Some(&(shape, from)) = back.get(here + state) else {
            return (fallback(n, m), true);
        };
        let Some(&(a, b)) = SHAPES.get(usize::from(shape)) else {
            return (fallback(n, m), true);
        };
        beads.push(Bead {
            source: i - a..i,
            target: j - b..j,
            score: cost.confidence(i - a, j - b, a, b),
        });
        i -= a;
        j -= b;
        state = usize::from(from);
    }
    beads.reverse();
    (beads, touched)
}

/// One bead per source segment, then the rest of the target; used only if the band is broken.
fn fallback(n: usize, m: usize) -> Vec<Bead> {
    let mut beads: Vec<Bead> = (0..n.min(m))
        .map(|k| Bead {
            source: k..k + 1,
            target: k..k + 1,
            score: 0.0,
        })
        .collect();
    beads.extend((m..n).map(|k| Bead {
        source: k..k + 1,
        target: m..m,
        score: 0.0,
    }));
    beads.extend((n..m).map(|k| Bead {
        source: n..n,
        target: k..k + 1,
        score: 0.0,
    }));
    beads
}
