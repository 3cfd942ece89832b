//! Deterministic German-like test material written for these tests.

use werkbank_model::{Content, TranslationUnit};

const SUBJECTS: &[&str] = &[
    "Die Datei",
    "Der Drucker",
    "Das Gerät",
    "Die Anwendung",
    "Der Server",
    "Das Fenster",
    "Die Verbindung",
    "Der Benutzer",
];
const VERBS: &[&str] = &[
    "wurde gespeichert",
    "kann nicht geöffnet werden",
    "ist bereit",
    "wird neu gestartet",
    "wurde gelöscht",
    "reagiert nicht",
    "ist nicht verfügbar",
    "wurde aktualisiert",
];
const TAILS: &[&str] = &[
    "",
    " nach dem Update",
    " auf dem Laufwerk",
    " seit 10 Minuten",
    " im Netzwerk",
    " für alle Benutzer",
    " beim Start",
    " ohne Rückmeldung",
];
const ENGLISH_SUBJECTS: &[&str] = &[
    "The file",
    "The printer",
    "The device",
    "The application",
    "The server",
    "The window",
    "The connection",
    "The user",
];

/// A small linear congruential generator, so that the material is the same on every run.
pub struct Sequence(u64);

impl Sequence {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// A German sentence and an English stand-in for its translation.
pub fn sentence(sequence: &mut Sequence) -> (String, String) {
    let s = sequence.next(SUBJECTS.len());
    let v = sequence.next(VERBS.len());
    let t = sequence.next(TAILS.len());
    let extra = sequence.next(40);
    let german = if extra < 8 {
        format!(
            "{} {}{} und {} {}.",
            SUBJECTS[s],
            VERBS[v],
            TAILS[t],
            SUBJECTS[extra].to_lowercase(),
            VERBS[(v + 1) % VERBS.len()]
        )
    } else if extra < 12 {
        format!("{}!", SUBJECTS[s])
    } else {
        format!("{} {}{}.", SUBJECTS[s], VERBS[v], TAILS[t])
    };
    let english = format!("{} [{v}/{t}/{extra}].", ENGLISH_SUBJECTS[s]);
    (german, english)
}

pub fn unit(german: &str, english: &str) -> TranslationUnit {
    TranslationUnit::new(
        "de".parse().unwrap(),
        "en".parse().unwrap(),
        Content::from_text(german),
        Content::from_text(english),
    )
}
