//! Applies one in-out operation to a file and compares with the expected output, printing the
//! result (the conformance runner does this for the OASIS pairs).
//!
//! `cargo run -p werkbank-xliff --example xliff_inout -- IN.xlf EXPECTED.xlf`

#[path = "support/in_out.rs"]
mod in_out;
#[path = "support/sentence_breaks.rs"]
mod sentence_breaks;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, expected] = args.as_slice() else {
        eprintln!("usage: inout IN.xlf EXPECTED.xlf");
        std::process::exit(2);
    };
    match in_out::reproduce_in_out(input.as_ref(), expected.as_ref()) {
        Ok(()) => println!("reproduced"),
        Err(message) => {
            println!("{message}");
            std::process::exit(1);
        }
    }
}
