//! Writes a German and an English text of N sentences each (numbers and names, some sentences
//! dropped or split) for timing `werkbank align` and measuring its memory.
//!
//! `cargo run --release -p werkbank-align --example align_scale -- 10000 /tmp/de.txt /tmp/en.txt`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, de, en] = args.as_slice() else {
        eprintln!("usage: align_scale N DE.txt EN.txt");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap_or(10_000);
    let places = ["Basel", "Bern", "Genf", "Luzern", "Chur", "Sitten", "Thun"];
    let (mut german, mut english) = (String::new(), String::new());
    for i in 0..n {
        let place = places[i % places.len()];
        if i % 50 != 7 {
            german.push_str(&format!(
                "Am Standort {place} wurden {} Proben genommen und im Labor {} ausgewertet. ",
                i % 83,
                i % 13
            ));
        }
        if i % 70 == 3 {
            english.push_str(&format!(
                "At the {place} site {} samples were taken. They were analysed in laboratory {}. ",
                i % 83,
                i % 13
            ));
        } else {
            english.push_str(&format!(
                "At the {place} site {} samples were taken and analysed in laboratory {}. ",
                i % 83,
                i % 13
            ));
        }
        if i % 20 == 19 {
            german.push_str("\n\n");
            english.push_str("\n\n");
        }
    }
    if std::fs::write(de, german)
        .and_then(|()| std::fs::write(en, english))
        .is_err()
    {
        std::process::exit(1);
    }
}
