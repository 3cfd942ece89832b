//! Scale measurements of a SQLite translation memory: import rate, open time, lookup latency.
//! Run each step under `/usr/bin/time -v` for the maximum resident set size.
//!
//! ```text
//! cargo run --release -p werkbank-tm --example tm_scale -- build /tmp/1m.wbtm 1000000
//! /usr/bin/time -v target/release/examples/tm_scale query /tmp/1m.wbtm 1000
//! ```

#[path = "../benches/support/material.rs"]
mod material;

use std::time::Instant;

use werkbank_tm::{LookupOptions, Memory, SqliteStore};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: tm_scale build PATH UNITS | query PATH QUERIES";
    let (Some(step), Some(path), Some(count)) = (args.get(1), args.get(2), args.get(3)) else {
        return Err(usage.into());
    };
    let count: usize = count.parse()?;
    let (de, en) = ("de".parse()?, "en".parse()?);
    match step.as_str() {
        "build" => {
            let (units, _) = material::material(count, 0);
            let _ = std::fs::remove_file(path);
            let mut memory = Memory::open(SqliteStore::open(path)?, de, en)?;
            let started = Instant::now();
            memory.add_all(units)?;
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "imported {count} units in {seconds:.2} s: {:.0} units/s",
                count as f64 / seconds
            );
        }
        "query" => {
            let started = Instant::now();
            let memory = Memory::open(SqliteStore::open(path)?, de, en)?;
            println!(
                "opened {} units in {:.2} s",
                memory.len(),
                started.elapsed().as_secs_f64()
            );
            let (_, queries) = material::material(0, count);
            let options = LookupOptions::default();
            let mut times: Vec<f64> = Vec::with_capacity(queries.len());
            let mut found = 0;
            for query in &queries {
                let started = Instant::now();
                found += memory.lookup(query, &options).len();
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
            println!(
                "{} queries: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {found} matches",
                times.len(),
                at(0.5),
                at(0.99),
                at(1.0)
            );
        }
        _ => return Err(usage.into()),
    }
    Ok(())
}
