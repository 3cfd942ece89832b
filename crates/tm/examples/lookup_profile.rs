#[path = "../benches/support/material.rs"]
mod material;
fn main() {
    let (units, queries) = material::material(100_000, 200);
    let memory = material::build(units);
    let options = werkbank_tm::LookupOptions::default();
    let started = std::time::Instant::now();
    let mut slow: Vec<(f64, String)> = Vec::new();
    for _ in 0..5 {
        for q in &queries {
            let t = std::time::Instant::now();
            std::hint::black_box(memory.lookup(q, &options));
            slow.push((
                t.elapsed().as_secs_f64() * 1000.0,
                q.plain_text().to_string(),
            ));
        }
    }
    eprintln!("{:?} per query", started.elapsed() / 1000);
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, q) in slow.iter().step_by(5).take(8) {
        eprintln!("{ms:.2} ms  {q}");
    }
}
