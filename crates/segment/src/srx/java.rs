//! Translation of Java regular expressions, as SRX files write them, into the syntax of Rust's
//! `regex` crate (or `fancy-regex` where look-around, back-references or possessive quantifiers
//! need it).
//!
//! What changes on the way:
//! - `(?U)` (Java's UNICODE_CHARACTER_CLASS) is dropped from flag groups, because in Rust it
//!   would mean "swap greed"; it makes POSIX classes such as `\p{Punct}` Unicode-aware instead.
//!   The flags `u` and `d` are dropped as well; `i`, `m`, `s` and `x` stay.
//! - `\h`, `\H`, `\v`, `\V`, `\R`, `\e`, `\a`, `\cX`, octal `\0oo` and `\uXXXX` become explicit
//!   classes or code points; `\Q…\E` becomes escaped literal text.
//! - `\p{Punct}`, `\p{Alpha}`, `\p{javaLowerCase}`, `\p{IsLatin}`, `\p{InGreek}` and the other
//!   Java property names become Rust classes.
//! - Possessive quantifiers (`a*+`) become atomic groups (`(?>a*)`), which fancy-regex runs.
//! - `\s`, `\w`, `\d` and `\b` are Unicode-aware in Rust; Java's are ASCII-only unless `(?U)` is
//!   set. The Unicode reading is kept on purpose: segmentation must treat a no-break space as
//!   space.
//!
//! What is refused with an error naming the construct: `\G`, `\X`, `\N{…}`, and Unicode blocks
//! (`\p{InX}`) other than a few common ones.

/// A translated pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Translated {
    /// Pattern text in Rust syntax.
    pub pattern: String,
    /// True when only fancy-regex can run it.
    pub fancy: bool,
}

const HORIZONTAL_SPACE: &str =
    r"\t\x20\xA0\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
const VERTICAL_SPACE: &str = r"\n\x0B\x0C\r\x{85}\x{2028}\x{2029}";

/// A class produced by an escape: either an escape Rust understands or the inside of a bracket
/// class.
enum Class {
    Escape(String),
    Set { inner: String, negated: bool },
}

impl Class {
    fn set(inner: &str, negated: bool) -> Self {
        Class::Set {
            inner: inner.to_string(),
            negated,
        }
    }

    fn render(self) -> String {
        match self {
            Class::Escape(escape) => escape,
            Class::Set { inner, negated } => {
                format!("[{}{}]", if negated { "^" } else { "" }, inner)
            }
        }
    }
}

/// Translates one Java pattern. The error says which construct is not supported.
pub(crate) fn translate(java: &str) -> Result<Translated, String> {
    let chars: Vec<char> = java.chars().collect();
    let unicode_classes = has_unicode_class_flag(&chars);
    let mut out = String::with_capacity(java.len() + 8);
    let mut fancy = false;
    let mut class_depth = 0usize;
    let mut last_atom: Option<usize> = None;
    let mut groups: Vec<usize> = Vec::new();
    let mut i = 0usize;
    let at = |index: usize| chars.get(index).copied();
    while let Some(c) = at(i) {
        let start = out.len();
        if c == '\\' {
            let Some(escaped) = at(i + 1) else {
                return Err("the pattern ends with a lone backslash".into());
            };
            i += 2;
            match escaped {
                'Q' => {
                    let mut literal = String::new();
                    while let Some(ch) = at(i) {
                        if ch == '\\' && at(i + 1) == Some('E') {
                            i += 2;
                            break;
                        }
                        literal.push(ch);
                        i += 1;
                    }
                    for ch in literal.chars() {
                        out.push_str(&escape_char(ch));
                    }
                }
                'h' => out.push_str(&Class::set(HORIZONTAL_SPACE, false).render()),
                'H' => out.push_str(&Class::set(HORIZONTAL_SPACE, true).render()),
                'v' => out.push_str(&Class::set(VERTICAL_SPACE, false).render()),
                'V' => out.push_str(&Class::set(VERTICAL_SPACE, true).render()),
                'R' if class_depth == 0 => {
                    out.push_str(r"(?:\r\n|[\n\x0B\x0C\r\x{85}\x{2028}\x{2029}])");
                }
                'p' | 'P' => {
                    let (name, used) = property_name(&chars, i)?;
                    i += used;
                    out.push_str(&property(&name, escaped == 'P', unicode_classes)?.render());
                }
                'u' => {
                    let hex: String = chars.get(i..i + 4).unwrap_or_default().iter().collect();
                    let value = u32::from_str_radix(&hex, 16).map_err(|_| {
                        format!("\\u must be followed by four hex digits, not {hex:?}")
                    })?;
                    i += 4;
                    out.push_str(&format!("\\x{{{value:X}}}"));
                }
                'x' => {
                    if at(i) == Some('{') {
                        let close = (i..chars.len())
                            .find(|&k| at(k) == Some('}'))
                            .ok_or("\\x{ is not closed")?;
                        let hex: String =
                            chars.get(i + 1..close).unwrap_or_default().iter().collect();
                        out.push_str(&format!("\\x{{{hex}}}"));
                        i = close + 1;
                    } else {
                        let hex: String = chars.get(i..i + 2).unwrap_or_default().iter().collect();
                        u32::from_str_radix(&hex, 16).map_err(|_| {
                            format!("\\x must be followed by two hex digits, not {hex:?}")
                        })?;
                        out.push_str(&format!("\\x{hex}"));
                        i += 2;
                    }
                }
                '0' => {
                    let digits: String = chars
                        .get(i..)
                        .unwrap_or_default()
                        .iter()
                        .take(3)
                        .take_while(|d| ('0'..='7').contains(d))
                        .collect();
                    let value = u32::from_str_radix(&digits, 8)
                        .map_err(|_| "\\0 must be followed by octal digits".to_string())?;
                    i += digits.len();
                    out.push_str(&format!("\\x{{{value:X}}}"));
                }
                'c' => {
                    let control = at(i).ok_or("\\c must be followed by a letter")?;
                    i += 1;
                    out.push_str(&format!("\\x{{{:X}}}", u32::from(control) ^ 0x40));
                }
                'e' => out.push_str(r"\x{1B}"),
                'a' => out.push_str(r"\x{7}"),
                'Z' => {
                    fancy = true;
                    out.push_str(r"(?=\n?\z)");
                }
                '1'..='9' | 'k' => {
                    fancy = true;
                    out.push('\\');
                    out.push(escaped);
                }
                'b' | 'B' | 'A' | 'z' | 'd' | 'D' | 's' | 'S' | 'w' | 'W' | 't' | 'n' | 'r'
                | 'f' => {
                    out.push('\\');
                    out.push(escaped);
                }
                'G' | 'X' | 'N' => {
                    return Err(format!(
                        "\\{escaped} has no equivalent in Rust regular expressions"
                    ));
                }
                other if other.is_ascii_alphanumeric() => {
                    return Err(format!("unknown escape \\{other}"));
                }
                other => out.push_str(&escape_char(other)),
            }
            if class_depth == 0 {
                last_atom = Some(start);
            }
            continue;
        }
        if class_depth > 0 {
            match c {
                '[' => {
                    class_depth += 1;
                    out.push('[');
                    i += 1;
                    i = open_class_tail(&chars, i, &mut out);
                    continue;
                }
                ']' => {
                    class_depth -= 1;
                    out.push(']');
                    if class_depth == 0 {
                        last_atom = groups_class_start(&out);
                    }
                }
                '~' => out.push_str(r"\~"),
                '-' if at(i + 1) == Some('-') => out.push_str(r"\-"),
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                class_depth = 1;
                out.push('[');
                i += 1;
                i = open_class_tail(&chars, i, &mut out);
                continue;
            }
            '(' => {
                groups.push(start);
                if at(i + 1) != Some('?') {
                    out.push('(');
                    i += 1;
                    continue;
                }
                let rest: String = chars
                    .get(i + 2..)
                    .unwrap_or_default()
                    .iter()
                    .take(3)
                    .collect();
                if rest.starts_with(':') {
                    out.push_str("(?:");
                    i += 3;
                } else if rest.starts_with('=') || rest.starts_with('!') || rest.starts_with('>') {
                    fancy = true;
                    out.push_str("(?");
                    out.push(rest.chars().next().unwrap_or(':'));
                    i += 3;
                } else if rest.starts_with("<=") || rest.starts_with("<!") {
                    fancy = true;
                    out.push_str("(?");
                    out.push_str(rest.get(..2).unwrap_or_default());
                    i += 4;
                } else if rest.starts_with('<') {
                    out.push_str("(?<");
                    i += 3;
                } else {
                    // Flag group: (?flags) or (?flags:...)
                    let mut k = i + 2;
                    let mut flags = String::new();
                    while let Some(f) = at(k) {
                        if f == ')' || f == ':' {
                            break;
                        }
                        match f {
                            'i' | 'm' | 's' | 'x' | '-' => flags.push(f),
                            'U' | 'u' | 'd' | 'c' => {}
                            other => return Err(format!("unknown flag {other:?} in a (?…) group")),
                        }
                        k += 1;
                    }
                    let closer = at(k).ok_or("a (? group is not closed")?;
                    let flags = flags.trim_end_matches('-').to_string();
                    if closer == ')' {
                        groups.pop();
                        if !flags.is_empty() && flags != "-" {
                            out.push_str(&format!("(?{flags})"));
                        }
                    } else if flags.is_empty() || flags == "-" {
                        out.push_str("(?:");
                    } else {
                        out.push_str(&format!("(?{flags}:"));
                    }
                    i = k + 1;
                }
                continue;
            }
            ')' => {
                out.push(')');
                last_atom = groups.pop();
                i += 1;
                continue;
            }
            '*' | '+' | '?' | '{' => {
                let quantifier_len = if c == '{' {
                    counted_repetition(&chars, i)
                } else {
                    Some(1)
                };
                let Some(len) = quantifier_len else {
                    out.push_str(r"\{");
                    last_atom = Some(start);
                    i += 1;
                    continue;
                };
                let quantifier: String = chars.get(i..i + len).unwrap_or_default().iter().collect();
                i += len;
                match at(i) {
                    Some('?') => {
                        out.push_str(&quantifier);
                        out.push('?');
                        i += 1;
                    }
                    Some('+') => {
                        let atom_start =
                            last_atom.ok_or("a possessive quantifier follows nothing")?;
                        let atom = out.split_off(atom_start);
                        out.push_str(&format!("(?>{atom}{quantifier})"));
                        fancy = true;
                        i += 1;
                    }
                    _ => out.push_str(&quantifier),
                }
                continue;
            }
            '|' => {
                out.push('|');
                last_atom = None;
            }
            _ => {
                out.push(c);
                last_atom = Some(start);
            }
        }
        i += 1;
    }
    if class_depth > 0 {
        return Err("a character class [ is not closed".into());
    }
    if !groups.is_empty() {
        return Err("a group ( is not closed".into());
    }
    Ok(Translated {
        pattern: out,
        fancy,
    })
}

/// After an opening `[`: copies a leading `^` and a leading literal `]`.
fn open_class_tail(chars: &[char], mut i: usize, out: &mut String) -> usize {
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        out.push_str(r"\]");
        i += 1;
    }
    i
}

/// Where the outermost class that just closed at the end of `out` started.
fn groups_class_start(out: &str) -> Option<usize> {
    let bytes = out.as_bytes();
    let mut depth = 0i32;
    let mut index = bytes.len();
    while index > 0 {
        index -= 1;
        let escaped = {
            let mut backslashes = 0;
            let mut k = index;
            while k > 0 && bytes.get(k - 1) == Some(&b'\\') {
                backslashes += 1;
                k -= 1;
            }
            backslashes % 2 == 1
        };
        match bytes.get(index) {
            Some(b']') if !escaped => depth += 1,
            Some(b'[') if !escaped => {
                depth -= 1;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// Length of a counted repetition `{n}`, `{n,}` or `{n,m}` at `i`, if there is one.
fn counted_repetition(chars: &[char], i: usize) -> Option<usize> {
    let mut k = i + 1;
    let mut digits = 0;
    while chars.get(k).is_some_and(char::is_ascii_digit) {
        k += 1;
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    if chars.get(k) == Some(&',') {
        k += 1;
        while chars.get(k).is_some_and(char::is_ascii_digit) {
            k += 1;
        }
    }
    (chars.get(k) == Some(&'}')).then_some(k + 1 - i)
}

fn has_unicode_class_flag(chars: &[char]) -> bool {
    chars.windows(2).enumerate().any(|(index, pair)| {
        pair == ['(', '?']
            && chars
                .get(index + 2..)
                .unwrap_or_default()
                .iter()
                .take_while(|c| c.is_ascii_alphabetic() || **c == '-')
                .any(|c| *c == 'U')
    })
}

/// Reads the name after `\p`: `{Name}` or a single letter. Returns it and the characters used.
fn property_name(chars: &[char], i: usize) -> Result<(String, usize), String> {
    match chars.get(i) {
        Some('{') => {
            let close = (i..chars.len())
                .find(|&k| chars.get(k) == Some(&'}'))
                .ok_or("\\p{ is not closed")?;
            Ok((
                chars.get(i + 1..close).unwrap_or_default().iter().collect(),
                close + 1 - i,
            ))
        }
        Some(letter) if letter.is_ascii_alphabetic() => Ok((letter.to_string(), 1)),
        _ => Err("\\p must be followed by a name".into()),
    }
}

fn property(name: &str, negated: bool, unicode: bool) -> Result<Class, String> {
    let escape =
        |inner: &str| Class::Escape(format!("\\{}{{{inner}}}", if negated { 'P' } else { 'p' }));
    let set = |inner: &str| Class::set(inner, negated);
    Ok(match name {
        "Punct" if unicode => escape("P"),
        "Punct" => set(r"!-/:-@\[-`{-\~"),
        "Alpha" if unicode => escape("Alphabetic"),
        "Alpha" => set("A-Za-z"),
        "Lower" if unicode => escape("Lowercase"),
        "Lower" => set("a-z"),
        "Upper" if unicode => escape("Uppercase"),
        "Upper" => set("A-Z"),
        "Digit" if unicode => escape("Nd"),
        "Digit" => set("0-9"),
        "Alnum" if unicode => set(r"\p{Alphabetic}\p{Nd}"),
        "Alnum" => set("A-Za-z0-9"),
        "Space" if unicode => Class::Escape(if negated { r"\S" } else { r"\s" }.into()),
        "Space" => set(r" \t\n\x0B\f\r"),
        "Blank" => set(r" \t"),
        "XDigit" => set("0-9a-fA-F"),
        "Cntrl" => set(r"\x00-\x1F\x7F"),
        "ASCII" => set(r"\x00-\x7F"),
        "Graph" => set(r"!-\~"),
        "Print" => set(r" -\~"),
        "javaLowerCase" => escape("Lowercase"),
        "javaUpperCase" => escape("Uppercase"),
        "javaWhitespace" => Class::Escape(if negated { r"\S" } else { r"\s" }.into()),
        "javaLetter" => escape("L"),
        "javaDigit" => escape("Nd"),
        "javaLetterOrDigit" => set(r"\p{L}\p{Nd}"),
        "javaAlphabetic" => escape("Alphabetic"),
        "javaSpaceChar" => escape("Z"),
        "InGreek" | "InGreekandCoptic" => escape("Greek"),
        "InCyrillic" => escape("Cyrillic"),
        "InArabic" => escape("Arabic"),
        "InHebrew" => escape("Hebrew"),
        "InBasicLatin" => set(r"\x00-\x7F"),
        "InLatin1Supplement" | "InLatin-1Supplement" => set(r"\x80-\xFF"),
        other if other.starts_with("In") => {
            return Err(format!("Unicode block \\p{{{other}}} is not supported"));
        }
        "IsPunctuation" => escape("P"),
        "IsWhite_Space" | "IsWhiteSpace" | "IsWhitespace" => escape("White_Space"),
        other => escape(other.strip_prefix("Is").unwrap_or(other)),
    })
}

/// Escapes one literal character for use inside or outside a class.
fn escape_char(ch: char) -> String {
    if ch.is_ascii_punctuation() || ch == ' ' || ch == '#' {
        format!("\\{ch}")
    } else if ch.is_control() || ch.is_whitespace() {
        format!("\\x{{{:X}}}", u32::from(ch))
    } else {
        ch.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust(java: &str) -> String {
        translate(java).unwrap().pattern
    }

    #[test]
    fn drops_java_only_flags() {
        assert_eq!(rust("(?U)\\p{Punct}"), r"\p{P}");
        assert_eq!(rust("(?iu)abc"), "(?i)abc");
        assert_eq!(rust("(?U:a)"), "(?:a)");
    }

    #[test]
    fn translates_escapes() {
        assert_eq!(rust(r"\u00BB"), r"\x{BB}");
        assert_eq!(rust(r"\Qa.b\E"), r"a\.b");
        assert!(rust(r"\h").starts_with(r"[\t\x20"));
        assert!(rust(r"[\v]").starts_with(r"[[\n"));
        assert_eq!(rust(r"\p{Lu}+"), r"\p{Lu}+");
        assert_eq!(rust(r"\P{javaLowerCase}"), r"\P{Lowercase}");
        assert_eq!(rust(r"\p{Punct}"), r"[!-/:-@\[-`{-\~]");
        assert_eq!(rust(r"\„"), "„");
        assert_eq!(rust(r"a{2,3}b{x"), r"a{2,3}b\{x");
    }

    #[test]
    fn possessive_becomes_atomic() {
        let translated = translate(r"\d++x[ab]*+(c)?+").unwrap();
        assert!(translated.fancy);
        assert_eq!(translated.pattern, r"(?>\d+)x(?>[ab]*)(?>(c)?)");
    }

    #[test]
    fn look_around_needs_fancy() {
        assert!(translate(r"(?<=a)b").unwrap().fancy);
        assert!(translate(r"a(?!b)").unwrap().fancy);
        assert!(!translate(r"(?:a)b").unwrap().fancy);
    }

    #[test]
    fn refuses_what_rust_cannot_do() {
        assert!(translate(r"\G").is_err());
        assert!(translate(r"\p{InTamil}").is_err());
        assert!(translate(r"(a").is_err());
        assert!(translate(r"[a").is_err());
        assert!(translate("a\\").is_err());
    }
}
