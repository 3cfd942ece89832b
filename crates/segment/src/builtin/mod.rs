//! The built-in German and English rules: a hand-written scanner instead of regular expressions.
//!
//! The scanner looks only at sentence-final punctuation (`.`, `!`, `?`, `…`) and decides at each
//! one from the words around it. Everything else is skipped byte by byte, which is what makes it
//! fast. Line breaks always end a segment; the caller handles lines and paragraphs.

mod chars;
mod lists;
mod quotes;
mod words;

use chars::{
    is_closer, is_initialism, is_number, is_opener, is_roman_numeral, is_terminal, starts_sentence,
};
use lists::Marker;
use quotes::KeptQuotations;
use words::contains;

use crate::text::{char_at, char_before, is_gap_char, trim_range};

/// The languages with built-in rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    German,
    English,
}

/// Built-in rules for one language.
#[derive(Debug, Clone)]
pub(crate) struct BuiltinRules {
    language: Language,
    /// Keep quotations that continue their sentence whole ("„A. B“, sagte er." one segment).
    keep_quotations: bool,
    /// Abbreviations the user added (without the final full stop), sorted.
    abbreviations: Vec<String>,
}

/// The punctuation found at one place.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// First byte of the punctuation.
    start: usize,
    /// Just after the punctuation (and after a spaced ellipsis ". . .").
    end: usize,
    dots: usize,
    bang: bool,
    ellipsis_char: bool,
    spaced: bool,
}

impl Run {
    fn is_ellipsis(&self) -> bool {
        self.ellipsis_char || self.dots >= 2
    }
}

/// What follows a run: closers, white space, and the first character after them.
#[derive(Debug, Clone, Copy)]
struct After {
    closers_end: usize,
    next_start: usize,
    has_closer: bool,
    next: Option<char>,
    /// The first character after any opening quotes and brackets.
    first: Option<char>,
}

impl After {
    fn has_space(&self) -> bool {
        self.next_start > self.closers_end
    }
    fn lower(&self) -> bool {
        self.first.is_some_and(char::is_lowercase)
    }
    fn upper(&self) -> bool {
        self.first.is_some_and(char::is_uppercase)
    }
}

impl BuiltinRules {
    pub(crate) fn new(language: Language, keep_quotations: bool, abbreviations: &[String]) -> Self {
        let mut abbreviations: Vec<String> = abbreviations.to_vec();
        abbreviations.sort();
        abbreviations.dedup();
        Self {
            language,
            keep_quotations,
            abbreviations,
        }
    }

    /// An abbreviation the user added.
    fn is_added_abbreviation(&self, word: &str) -> bool {
        self.abbreviations
            .binary_search_by(|entry| entry.as_str().cmp(word))
            .is_ok()
    }

    /// Appends the segments of one line (no line breaks inside) as trimmed byte ranges relative to
    /// the line.
    pub(crate) fn split_line(&self, line: &str, out: &mut Vec<(usize, usize)>) {
        let quotations = if self.keep_quotations {
            KeptQuotations::find(line)
        } else {
            KeptQuotations::default()
        };
        let mut start = skip_gap(line, 0);
        // Where the next list item was looked for, per marker text: (searched from, found).
        // A later search for the same marker from no earlier place has its answer already,
        // which keeps a line of thousands of "3. " linear.
        let mut searched: Vec<(String, usize, Option<usize>)> = Vec::new();
        // Where the next byte E2 is (the first byte of '…' and the other terminal marks), kept
        // from one segment to the next so that the line is searched for it once.
        let mut next_e2 = None;
        while start < line.len() {
            let marker = lists::marker_at(line, start);
            let limit = marker
                .as_ref()
                .and_then(|m| {
                    let needle = m.render_next()?;
                    let known = searched.iter().find(|(n, from, found)| {
                        *n == needle && *from <= m.end && found.is_none_or(|f| f >= m.end)
                    });
                    if let Some((_, _, found)) = known {
                        return *found;
                    }
                    let found = lists::next_item(line, m, line.len(), |at| {
                        self.list_item_allowed(line, at)
                    });
                    searched.retain(|(n, _, _)| *n != needle);
                    if searched.len() >= 8 {
                        searched.remove(0);
                    }
                    searched.push((needle, m.end, found));
                    found
                })
                .unwrap_or(line.len());
            let (end, mut next) = self
                .next_break(
                    line,
                    start,
                    limit,
                    marker.as_ref(),
                    &quotations,
                    &mut next_e2,
                )
                .unwrap_or((limit, limit));
            // Only white space may be left between two segments.
            if !line
                .get(end..next)
                .is_some_and(|gap| gap.chars().all(is_gap_char))
            {
                next = end;
            }
            if let Some(range) = trim_range(line, start, end) {
                out.push(range);
            }
            // Always make progress, whatever the rules said.
            start = skip_gap(line, next.max(start + 1).min(line.len()));
            while !line.is_char_boundary(start) {
                start += 1;
            }
        }
    }

    /// German ordinals are not list items: "1. Teil, mit 2. Auflage".
    fn list_item_allowed(&self, line: &str, at: usize) -> bool {
        if self.language != Language::German {
            return true;
        }
        let digits_end = at
            + line
                .get(at..)
                .unwrap_or_default()
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
        !self.german_ordinal(line, at, skip_gap(line, digits_end + 1))
    }

    /// The first break after `start` and before `limit`, as (segment end, next segment start).
    fn next_break(
        &self,
        line: &str,
        start: usize,
        limit: usize,
        marker: Option<&Marker>,
        quotations: &KeptQuotations,
        next_e2: &mut Option<usize>,
    ) -> Option<(usize, usize)> {
        let bytes = line.as_bytes();
        let mut at = start;
        while at < limit {
            let window = bytes.get(at..limit)?;
            let ascii = memchr::memchr3(b'.', b'!', b'?', window).map(|i| at + i);
            // The search runs to the line's end (not `limit`), so its answer holds for every
            // later segment until `at` passes it.
            if next_e2.is_none_or(|e2| e2 < at) {
                let rest = bytes.get(at..).unwrap_or_default();
                *next_e2 = Some(memchr::memchr(0xE2, rest).map_or(line.len(), |i| at + i));
            }
            let e2 = next_e2.unwrap_or(limit).min(limit);
            let found = ascii.map_or(e2, |a| a.min(e2));
            if found >= limit {
                return None;
            }
            at = found;
            if !char_at(line, at).is_some_and(is_terminal) {
                at += 1;
                continue;
            }
            let run = scan_run(line, at);
            // "compounds. . . . The": the sentence ends at the first dot, the ellipsis opens the next.
            if run.spaced
                && run.dots >= 4
                && attached(line, run.start)
                && char_at(line, run.start + 1) == Some(' ')
            {
                let after = scan_after(line, run.end);
                if after.has_space() && after.upper() {
                    return Some((run.start + 1, run.start + 2));
                }
            }
            let after = scan_after(line, run.end);
            if after.closers_end <= limit
                && self.is_break(line, start, &run, &after, marker, quotations)
            {
                return Some((after.closers_end, after.next_start));
            }
            at = run.end.max(at + 1);
        }
        None
    }

    fn is_break(
        &self,
        line: &str,
        segment_start: usize,
        run: &Run,
        after: &After,
        marker: Option<&Marker>,
        quotations: &KeptQuotations,
    ) -> bool {
        let Some(next) = after.next else {
            return false;
        };
        if !after.has_space() {
            return self.breaks_without_space(line, segment_start, run, after);
        }
        if !starts_sentence(next) || quotations.suppresses(after.closers_end) {
            return false;
        }
        let before = char_before(line, run.start);
        // "[...]", "(…)" and "ein(!) Satz" comment inside the sentence.
        if before.is_some_and(|c| matches!(c, '(' | '['))
            && char_at(line, run.end).is_some_and(|c| matches!(c, ')' | ']'))
        {
            return false;
        }
        // " … " and " . . . " inside a sentence mark an omission, unless a full stop follows.
        let pure_ellipsis = !run.bang
            && (run.ellipsis_char && run.dots == 0 || run.dots == 3 && !run.ellipsis_char);
        if pure_ellipsis && before.is_none_or(is_gap_char) {
            // German: a free-standing ellipsis ends a sentence when a word that starts sentences
            // follows ("Er zögerte … Dann sprach er."); a noun goes on the omission ("Wir
            // brauchen … Eier und Mehl."), and so does a quotation it closes (»… « Er wurde).
            return self.language == Language::German
                && !run.spaced
                && !after.has_closer
                && contains(
                    words::GERMAN_SENTENCE_STARTERS,
                    word_at(line, after.next_start),
                );
        }
        let only_ellipsis = !run.bang
            && !run.spaced
            && (run.ellipsis_char && run.dots == 0 || run.dots == 3 && !run.ellipsis_char);
        if only_ellipsis && self.language == Language::German {
            // "auf… Telefonkontakte, Briefe – all das bleibt": a German noun after an ellipsis
            // goes on the sentence; a word that starts sentences begins a new one.
            return !after.lower()
                && (after.has_closer
                    || contains(
                        words::GERMAN_SENTENCE_STARTERS,
                        word_at(line, after.next_start),
                    ));
        }
        if run.bang || run.is_ellipsis() {
            return !after.lower();
        }
        if after.has_closer && after.lower() {
            return false;
        }
        self.breaks_after_period(line, segment_start, run.start, after, marker)
    }

    /// "Hello world.Today" and "it?Yes" break; "Jane.Doe@example.com", "www.test.de" and
    /// "Beispiel!Eins@example.com" do not.
    fn breaks_without_space(
        &self,
        line: &str,
        segment_start: usize,
        run: &Run,
        after: &After,
    ) -> bool {
        let Some(next) = after.next.filter(|c| c.is_uppercase()) else {
            return false;
        };
        let second = char_at(line, after.next_start + next.len_utf8());
        if !second.is_some_and(char::is_lowercase) {
            return false;
        }
        let token_start = token_start(line, run.start).max(segment_start);
        let mut reach = (after.next_start + TOKEN_REACH).min(line.len());
        while !line.is_char_boundary(reach) {
            reach -= 1;
        }
        let token_end = line
            .get(after.next_start..reach)
            .and_then(|rest| rest.find(is_gap_char))
            .map_or(reach, |offset| after.next_start + offset);
        let token = line.get(token_start..token_end).unwrap_or_default();
        if token.contains('@') || token.contains("://") || token.starts_with("www.") {
            return false;
        }
        if run.bang {
            return true;
        }
        let word = word_between(line, token_start, run.start);
        let last = word.chars().next_back();
        (word.chars().count() >= 2 || is_number(word))
            && last.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            && !self.is_abbreviation(word)
            && !is_initialism(word)
    }

    fn is_abbreviation(&self, word: &str) -> bool {
        if self.is_added_abbreviation(word) {
            return true;
        }
        match self.language {
            Language::German => {
                contains(words::GERMAN_NEVER_END, word) || contains(words::GERMAN_CAN_END, word)
            }
            Language::English => {
                contains(words::ENGLISH_NEVER_END, word) || contains(words::ENGLISH_CAN_END, word)
            }
        }
    }

    /// The decision at a single full stop followed by white space and something that may start a
    /// sentence.
    fn breaks_after_period(
        &self,
        line: &str,
        segment_start: usize,
        dot: usize,
        after: &After,
        marker: Option<&Marker>,
    ) -> bool {
        let german = self.language == Language::German;
        let lower = after.lower();
        let upper = after.upper();
        let digit_next = after.first.is_some_and(|c| c.is_ascii_digit());
        let token_at = token_start(line, dot).max(segment_start);
        let token = line.get(token_at..dot).unwrap_or_default();
        let word = word_between(line, token_at, dot);
        if word.is_empty() {
            return !lower;
        }
        // "1. Dies ist eine Liste." and "• 3. Punkt"
        if marker.is_some_and(|m| dot < m.end) && token_at >= segment_start {
            return false;
        }
        if token.contains('@') || token.contains("://") || token.starts_with("www.") {
            return !lower;
        }
        if digit_next && contains(words::BEFORE_NUMBER, word) {
            return false;
        }
        let (never, can) = if german {
            (words::GERMAN_NEVER_END, words::GERMAN_CAN_END)
        } else {
            (words::ENGLISH_NEVER_END, words::ENGLISH_CAN_END)
        };
        if contains(never, word) || self.is_added_abbreviation(word) {
            return false;
        }
        // "& Co. KG", "GmbH & Co. KGaA": the firm's name goes on.
        if word == "Co" && contains(words::GERMAN_COMPANY_FORMS, word_at(line, after.next_start)) {
            return false;
        }
        if contains(can, word) {
            return upper;
        }
        // Compound titles: "Dipl.-Ing.", "Dr.-Ing.", "Dr. med.-vet." stay with the name.
        if let Some((head, tail)) = word.rsplit_once(".-") {
            let head_word = head.rsplit(['.', '-', ' ']).next().unwrap_or(head);
            if !tail.is_empty()
                && (contains(never, head_word) || self.is_added_abbreviation(head_word))
            {
                return false;
            }
        }
        // A street name before its house number: "Goethestr. 12", "Karl-Marx-Str. 5a".
        if german && digit_next {
            let folded = word.to_lowercase();
            if folded.len() > 3 && folded.ends_with("str") {
                return false;
            }
        }
        let mut letters = word.chars();
        if let (Some(only), None) = (letters.next(), letters.next()) {
            if only.is_alphabetic() {
                if only.is_lowercase() || german || only != 'I' {
                    return false;
                }
                // English "you and I. Did you" ends a sentence, "Albert I. Jones" does not.
                let previous = previous_word(line, token_at);
                return upper && previous.chars().next().is_some_and(char::is_lowercase);
            }
        }
        // "LL. B.", "z. B." when "z" was not recognised, "U. S. A."
        if word.chars().count() <= 3 && next_is_initial(line, after.next_start) {
            return false;
        }
        if is_initialism(word) {
            if german || lower {
                return false;
            }
            let next_word = word_at(line, after.next_start);
            return contains(words::ENGLISH_SENTENCE_STARTERS, next_word);
        }
        let number = word.strip_prefix(['-', '–']).unwrap_or(word);
        if is_number(number) {
            if german {
                return !lower && !self.german_ordinal(line, token_at, after.next_start);
            }
            return true;
        }
        if is_roman_numeral(word)
            && word.len() >= 2
            && previous_word(line, token_at)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            return false;
        }
        if german {
            !lower
        } else {
            true
        }
    }

    /// Whether the number whose token starts at `token_at` reads as a German ordinal, given the
    /// word before it and the word at `next_start`.
    fn german_ordinal(&self, line: &str, token_at: usize, next_start: usize) -> bool {
        let token = line
            .get(token_at..)
            .and_then(|rest| rest.split(is_gap_char).next())
            .unwrap_or_default();
        let number = token.trim_start_matches(['-', '–']).trim_end_matches('.');
        let digits_only = number.bytes().all(|b| b.is_ascii_digit());
        let short_ordinal = digits_only && (1..=3).contains(&number.len());
        let day_and_month = number.split('.').count() == 2
            && number.split('.').all(|part| {
                (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
            });
        if !short_ordinal && !day_and_month {
            return false;
        }
        let next_word = word_at(line, next_start);
        if contains(words::GERMAN_MONTHS, next_word)
            || contains(words::GERMAN_ORDINAL_NOUNS, next_word)
        {
            return true;
        }
        let previous = previous_word(line, token_at).to_lowercase();
        contains(words::GERMAN_ORDINAL_LEADS, &previous)
    }
}

/// Reads the punctuation run at `at`: terminal characters, plus a spaced ellipsis ". . .".
fn scan_run(line: &str, at: usize) -> Run {
    let mut run = Run {
        start: at,
        end: at,
        dots: 0,
        bang: false,
        ellipsis_char: false,
        spaced: false,
    };
    loop {
        match char_at(line, run.end) {
            Some('.') => run.dots += 1,
            Some('…') => run.ellipsis_char = true,
            Some(c) if is_terminal(c) => run.bang = true,
            Some(' ') if run.dots > 0 && char_at(line, run.end + 1) == Some('.') => {
                run.spaced = true;
            }
            _ => break,
        }
        run.end += char_at(line, run.end).map_or(1, char::len_utf8);
    }
    run
}

fn scan_after(line: &str, from: usize) -> After {
    let mut at = from;
    let mut has_closer = false;
    while let Some(c) = char_at(line, at).filter(|&c| is_closer(c)) {
        has_closer = true;
        at += c.len_utf8();
    }
    let closers_end = at;
    while let Some(c) = char_at(line, at).filter(|&c| is_gap_char(c)) {
        at += c.len_utf8();
    }
    let next = char_at(line, at);
    let mut first_at = at;
    while let Some(c) = char_at(line, first_at).filter(|&c| is_opener(c)) {
        first_at += c.len_utf8();
    }
    After {
        closers_end,
        next_start: at,
        has_closer,
        next,
        first: char_at(line, first_at),
    }
}

/// True when the character before `at` belongs to a word (not white space or an opener).
fn attached(line: &str, at: usize) -> bool {
    char_before(line, at).is_some_and(|c| !is_gap_char(c) && !is_opener(c))
}

/// How far the rules look for the start or end of a token around a full stop. Words,
/// abbreviations, numbers, e-mail addresses and links are shorter; a run of text without white
/// space ("Ab.Cd.Ef.…" over megabytes) is then looked at in pieces of this size, so segmenting
/// stays linear in the text's length.
const TOKEN_REACH: usize = 256;

/// Start of the white-space-delimited token that ends at `end` (no farther back than
/// [`TOKEN_REACH`] bytes).
fn token_start(line: &str, end: usize) -> usize {
    let mut from = end.saturating_sub(TOKEN_REACH);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    line.get(from..end)
        .and_then(|head| head.rfind(is_gap_char))
        .map_or(from, |at| {
            from + at + char_at(line, from + at).map_or(1, char::len_utf8)
        })
}

/// The word that ends at `end`, without opening or closing punctuation around it.
fn word_before(line: &str, end: usize) -> &str {
    word_between(line, token_start(line, end), end)
}

/// The word in `start..end`, without opening or closing punctuation around it.
fn word_between(line: &str, start: usize, end: usize) -> &str {
    let token = line.get(start..end).unwrap_or_default();
    token
        .trim_start_matches(|c: char| is_opener(c) || matches!(c, '-' | '–' | '/'))
        .trim_end_matches(|c: char| is_closer(c) || is_terminal(c) || c == ',')
}

/// The word before the token that starts at `token_at`.
fn previous_word(line: &str, token_at: usize) -> &str {
    let head = line.get(..token_at).unwrap_or_default();
    let end = head.trim_end_matches(is_gap_char).len();
    word_before(line, end)
}

/// The word that starts at `at`, without opening punctuation or what follows it.
fn word_at(line: &str, at: usize) -> &str {
    let rest = line
        .get(at..)
        .unwrap_or_default()
        .trim_start_matches(is_opener);
    let end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(rest.len());
    rest.get(..end).unwrap_or_default()
}

/// True when a single letter and a full stop start at `at` ("B." in "z. B.").
fn next_is_initial(line: &str, at: usize) -> bool {
    let mut chars = line.get(at..).unwrap_or_default().chars();
    matches!((chars.next(), chars.next()), (Some(c), Some('.')) if c.is_alphabetic())
}

fn skip_gap(line: &str, from: usize) -> usize {
    let rest = line.get(from..).unwrap_or_default();
    from + (rest.len() - rest.trim_start_matches(is_gap_char).len())
}
