//! Word lists of the built-in rules, written for werkbank. Every list is sorted so that lookups
//! are binary searches; a unit test checks the order.

/// German abbreviations after which a sentence practically never ends.
pub(super) const GERMAN_NEVER_END: &[&str] = &[
    "Abb", "Abg", "Abk", "Abs", "Abschn", "Abt", "Adr", "Anh", "Anl", "Anm", "Apr", "Art", "Aufl",
    "Aug", "Ausg", "Az", "Bd", "Bde", "Bearb", "Bed", "Best", "Betr", "Bez", "Bhf", "Bl", "Bsp",
    "Bspw", "Bzgl", "Chr", "Dez", "Di", "Dipl", "Dir", "Do", "Dr", "Dt", "Ew", "Fa", "Feb", "Fr",
    "Frl", "Gebr", "Gem", "Ges", "Gew", "Ggf", "Hbf", "Hd", "Hg", "Hptst", "Hr", "Hrn", "Hrsg",
    "Ing", "Inh", "Inkl", "Jan", "Jh", "Jhd", "Jhdt", "Jr", "Jul", "Jun", "Kap", "Kfm", "Kl", "Kt",
    "Lfd", "Lfg", "Lit", "Mag", "Mi", "Min", "Mio", "Mo", "Mrd", "Mwst", "Nachf", "Nov", "Nr",
    "Nrn", "Okt", "Pf", "Pfd", "Pkt", "Pl", "Pos", "Prof", "Prov", "Ref", "Reg", "Rel", "Sa",
    "Sek", "Sep", "Sept", "Slg", "St", "Std", "Str", "Tab", "Tel", "Tsd", "Univ", "Verf", "Vgl",
    "Vol", "Vors", "Wwe", "Zi", "Ziff", "Ztr", "abzgl", "allg", "amtl", "angekl", "anschl",
    "ausschl", "bes", "beschr", "betr", "bez", "bezgl", "bspw", "bzgl", "bzw", "ca", "dgl", "dt",
    "ebd", "ehem", "eigtl", "einschl", "engl", "entspr", "erg", "ev", "evang", "evtl", "exkl",
    "frz", "geb", "gegr", "gem", "gesch", "gest", "ggf", "ggfs", "ggü", "griech", "hl", "hrsg",
    "inkl", "insb", "insbes", "jur", "kath", "lat", "lfd", "lt", "luth", "max", "med", "min",
    "mind", "mtl", "nat", "näml", "od", "orth", "phil", "pol", "rd", "ref", "rer", "röm", "sen",
    "sog", "spez", "stellv", "str", "tw", "tägl", "usf", "verh", "verw", "vgl", "vorm", "wg",
    "ziff", "zus", "zw", "zzgl", "österr", "übl",
];

/// German abbreviations that may end a sentence: a break follows them only before a capital.
pub(super) const GERMAN_CAN_END: &[&str] = &["Co", "Ltd", "etc", "usw"];

/// English abbreviations after which a sentence practically never ends.
pub(super) const ENGLISH_NEVER_END: &[&str] = &[
    "Adm", "Apr", "Aug", "Ave", "Blvd", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dec", "Dr", "Feb",
    "Fig", "Figs", "Fr", "Gen", "Gov", "Hon", "Jan", "Jul", "Jun", "Lt", "Maj", "Mar", "Messrs",
    "Mr", "Mrs", "Ms", "Mt", "Nov", "Oct", "Pres", "Prof", "Pt", "Rep", "Rev", "Sen", "Sep",
    "Sept", "Sgt", "Sr", "St", "Supt", "approx", "cf", "ch", "chap", "dept", "esp", "fig", "figs",
    "pp", "sect", "st", "viz", "vol", "vols", "vs",
];

/// English abbreviations that may end a sentence: a break follows them only before a capital.
pub(super) const ENGLISH_CAN_END: &[&str] = &[
    "Bros", "Co", "Corp", "Inc", "Jr", "Ltd", "Plc", "al", "co", "ed", "eds", "etc", "jr", "ltd",
];

/// Abbreviations that are abbreviations only before a number ("No. 5", "N°. 12").
pub(super) const BEFORE_NUMBER: &[&str] = &["NO", "No", "Nos", "N°", "no", "nos", "nº"];

/// German month names; "am 3. Oktober" is an ordinal, not a sentence end.
pub(super) const GERMAN_MONTHS: &[&str] = &[
    "April",
    "August",
    "Dezember",
    "Feber",
    "Februar",
    "Januar",
    "Juli",
    "Juni",
    "Jänner",
    "Mai",
    "März",
    "November",
    "Oktober",
    "September",
];

/// German nouns and adjectives that commonly follow an ordinal number ("im 3. Jahrhundert").
pub(super) const GERMAN_ORDINAL_NOUNS: &[&str] = &[
    "Absatz",
    "Advent",
    "Akt",
    "Amtszeit",
    "Auflage",
    "Ausgabe",
    "Band",
    "Bezirk",
    "Bundesliga",
    "Etage",
    "Fassung",
    "Geburtstag",
    "Generation",
    "Grad",
    "Grades",
    "Halbjahr",
    "Hälfte",
    "Internationale",
    "Internationalen",
    "Jahrestag",
    "Jahrhundert",
    "Jahrhunderts",
    "Jahrtausend",
    "Jahrtausends",
    "Kapitel",
    "Klasse",
    "Kompanie",
    "Kongress",
    "Kreuzzug",
    "Lebensjahr",
    "Legislaturperiode",
    "Liga",
    "Mal",
    "Obergeschoss",
    "Person",
    "Platz",
    "Preis",
    "Quartal",
    "Rang",
    "Reich",
    "Runde",
    "Satz",
    "Semester",
    "Sinfonie",
    "Spieltag",
    "Stock",
    "Stockwerk",
    "Strophe",
    "Stufe",
    "Symphonie",
    "Tag",
    "Todestag",
    "Wahlperiode",
    "Weltkrieg",
    "Weltkriegs",
    "Woche",
];

/// German words that put an ordinal in front of the next word ("am 3.", "im 18.", "der 1.").
pub(super) const GERMAN_ORDINAL_LEADS: &[&str] = &[
    "ab", "am", "an", "ans", "auf", "aus", "beim", "bis", "das", "dem", "den", "der", "des", "die",
    "ein", "eine", "einem", "einen", "einer", "für", "ihr", "ihre", "ihrem", "ihren", "im", "ins",
    "jede", "jedem", "jeden", "jeder", "nach", "sein", "seine", "seinem", "seinen", "seit", "um",
    "unser", "unsere", "vom", "von", "vor", "zum", "zur", "zwischen",
];

/// English words that often start a sentence and rarely follow an initialism inside one;
/// after "U.S." a break is assumed only before one of these.
pub(super) const ENGLISH_SENTENCE_STARTERS: &[&str] = &[
    "A", "After", "All", "Also", "An", "And", "Are", "As", "At", "Before", "But", "Can", "Did",
    "Do", "Does", "During", "Each", "Every", "For", "From", "He", "Her", "Here", "His", "How", "I",
    "If", "In", "Is", "It", "Its", "Let", "Many", "Most", "My", "No", "Not", "Now", "On", "Once",
    "One", "Our", "Please", "She", "So", "Some", "Such", "That", "The", "Their", "Then", "There",
    "These", "They", "This", "Those", "Thus", "To", "We", "What", "When", "Where", "Which",
    "While", "Who", "Why", "With", "Yes", "You", "Your",
];

/// German words that commonly start a sentence: after a free-standing ellipsis one of them
/// starts a new sentence ("Er zögerte … Dann sprach er."), any other capital (a noun) goes on
/// the omission ("Wir brauchen … Eier und Mehl.").
pub(super) const GERMAN_SENTENCE_STARTERS: &[&str] = &[
    "Aber",
    "Alle",
    "Allerdings",
    "Alles",
    "Als",
    "Also",
    "Am",
    "Anschließend",
    "Auch",
    "Auf",
    "Aus",
    "Bald",
    "Bei",
    "Beim",
    "Bevor",
    "Bis",
    "Da",
    "Dabei",
    "Dadurch",
    "Dafür",
    "Daher",
    "Damals",
    "Damit",
    "Danach",
    "Dann",
    "Darauf",
    "Darum",
    "Darüber",
    "Das",
    "Dass",
    "Davor",
    "Dem",
    "Den",
    "Denn",
    "Dennoch",
    "Der",
    "Deshalb",
    "Deswegen",
    "Die",
    "Dies",
    "Diese",
    "Dieser",
    "Dieses",
    "Doch",
    "Dort",
    "Du",
    "Durch",
    "Ebenso",
    "Ein",
    "Eine",
    "Einer",
    "Einige",
    "Endlich",
    "Er",
    "Erst",
    "Es",
    "Etwa",
    "Für",
    "Gestern",
    "Heute",
    "Hier",
    "Ich",
    "Ihr",
    "Im",
    "Immer",
    "In",
    "Indem",
    "Ja",
    "Jede",
    "Jeder",
    "Jedes",
    "Jedoch",
    "Jetzt",
    "Kaum",
    "Kein",
    "Keine",
    "Leider",
    "Man",
    "Manche",
    "Mein",
    "Meine",
    "Mit",
    "Morgen",
    "Nach",
    "Nachdem",
    "Natürlich",
    "Nein",
    "Nichts",
    "Nie",
    "Niemand",
    "Noch",
    "Nun",
    "Nur",
    "Ob",
    "Obwohl",
    "Oder",
    "Ohne",
    "Plötzlich",
    "Schließlich",
    "Sein",
    "Seine",
    "Seit",
    "Sie",
    "So",
    "Sobald",
    "Sofort",
    "Sonst",
    "Später",
    "Stattdessen",
    "Trotzdem",
    "Um",
    "Und",
    "Uns",
    "Unser",
    "Unsere",
    "Viele",
    "Vielleicht",
    "Vom",
    "Von",
    "Vor",
    "Wann",
    "Warum",
    "Was",
    "Weder",
    "Weil",
    "Welche",
    "Wenn",
    "Wer",
    "Wie",
    "Wieder",
    "Wir",
    "Wo",
    "Während",
    "Zu",
    "Zudem",
    "Zuerst",
    "Zum",
    "Zunächst",
    "Zur",
    "Zwar",
];

/// German company forms that follow "& Co." in a firm's name ("GmbH & Co. KG").
pub(super) const GERMAN_COMPANY_FORMS: &[&str] = &["GmbH", "KG", "KGaA", "OHG", "oHG"];

/// Binary search in one of the sorted lists.
pub(super) fn contains(list: &[&str], word: &str) -> bool {
    // No entry is longer than this; most words at a sentence end are, and skip the search.
    const LONGEST: usize = 20;
    word.len() <= LONGEST && list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_LISTS: [&[&str]; 11] = [
        GERMAN_SENTENCE_STARTERS,
        GERMAN_COMPANY_FORMS,
        GERMAN_NEVER_END,
        GERMAN_CAN_END,
        ENGLISH_NEVER_END,
        ENGLISH_CAN_END,
        BEFORE_NUMBER,
        GERMAN_MONTHS,
        GERMAN_ORDINAL_NOUNS,
        GERMAN_ORDINAL_LEADS,
        ENGLISH_SENTENCE_STARTERS,
    ];

    #[test]
    fn no_entry_is_longer_than_the_shortcut_allows() {
        for list in ALL_LISTS {
            assert!(list.iter().all(|w| w.len() <= 20));
        }
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in ALL_LISTS {
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{:?} is not before {:?}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }
}
