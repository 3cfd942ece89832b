//! XLIFF 2 fragment identifiers (`#/f=f1/u=u1/n=n1`, `#n=n1`, `#m1`), section 4.4 of the
//! specification: syntax and the order of selectors.

use super::names::is_nmtoken;

/// One selector of a fragment identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector<'a> {
    /// The prefix (`f`, `u`, `n`, `mtc`, ...), or `None` for a bare id.
    pub prefix: Option<&'a str>,
    /// The id selected.
    pub id: &'a str,
}

/// A parsed fragment identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment<'a> {
    /// True when it starts with `#/`.
    pub absolute: bool,
    /// The selectors in order.
    pub selectors: Vec<Selector<'a>>,
}

fn rank(prefix: Option<&str>) -> u8 {
    match prefix {
        Some("f") => 0,
        Some("g") => 1,
        Some("u") => 2,
        _ => 3,
    }
}

/// Parses `reference`, which starts with `#`.
pub fn parse(reference: &str) -> Result<Fragment<'_>, String> {
    let Some(body) = reference.strip_prefix('#') else {
        return Err("does not start with #".into());
    };
    let (absolute, body) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    if body.is_empty() {
        return Err("selects nothing".into());
    }
    let mut selectors = Vec::new();
    for part in body.split('/') {
        let selector = match part.split_once('=') {
            Some((prefix, id)) => {
                if !is_nmtoken(prefix) || prefix.contains(':') {
                    return Err(format!("prefix {prefix:?} is not an NMTOKEN"));
                }
                if prefix.chars().count() < 2
                    && !matches!(prefix, "f" | "g" | "u" | "n" | "d" | "t")
                {
                    return Err(format!(
                        "prefix {prefix:?} is too short: one-letter prefixes are reserved"
                    ));
                }
                Selector {
                    prefix: Some(prefix),
                    id,
                }
            }
            None => Selector {
                prefix: None,
                id: part,
            },
        };
        if selector.id.is_empty() {
            return Err("a selector without an id".into());
        }
        selectors.push(selector);
    }
    let mut last_rank = 0;
    let mut seen: Vec<&str> = Vec::new();
    for (index, selector) in selectors.iter().enumerate() {
        let selector_rank = rank(selector.prefix);
        if selector_rank < last_rank {
            return Err(format!(
                "selector {} comes after a selector it must precede",
                selector.prefix.unwrap_or(selector.id)
            ));
        }
        last_rank = selector_rank;
        if let Some(prefix) = selector.prefix {
            if prefix != "g" && seen.contains(&prefix) {
                return Err(format!("prefix {prefix:?} is used twice"));
            }
            seen.push(prefix);
        }
        if selector_rank == 3 && index + 1 != selectors.len() {
            return Err(format!(
                "{} selects a leaf and must come last",
                selector.prefix.unwrap_or(selector.id)
            ));
        }
    }
    Ok(Fragment {
        absolute,
        selectors,
    })
}

impl<'a> Fragment<'a> {
    /// The prefixes used.
    pub fn prefixes(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.selectors.iter().filter_map(|s| s.prefix)
    }

    fn get(&self, prefix: &str) -> Option<&'a str> {
        self.selectors
            .iter()
            .find(|s| s.prefix == Some(prefix))
            .map(|s| s.id)
    }

    /// True when the identifier, read from inside unit `unit_id` of file `file_id`, selects a
    /// note of that unit for which `note_exists` is true.
    pub fn resolves_to_unit_note(
        &self,
        file_id: &str,
        unit_id: &str,
        note_exists: impl Fn(&str) -> bool,
    ) -> bool {
        let Some(note) = self.get("n") else {
            return false;
        };
        if self.selectors.len() > 1 || self.absolute {
            if self.get("f").is_some_and(|f| f != file_id) {
                return false;
            }
            if self.get("u") != Some(unit_id) {
                return false;
            }
        }
        note_exists(note)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_of_the_specification() {
        for ok in [
            "#/f=f1/u=u1/n=n1",
            "#n=n1",
            "#m1",
            "#/f=f1/g=a/g=b/u=1/mtc=m",
            "#t=m2",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_bad_order_duplicates_and_two_leaves() {
        for bad in [
            "#/u=u1/f=f1/gls=g1",
            "#/u=f1/u=1/gls=g1",
            "#f=f1/d=d1/u=1",
            "#c1/c2",
            "#/f=f1/u=1/r$d=x",
            "#/f=f1/u=1/z=x",
            "#",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_note_of_the_unit_resolves() {
        let exists = |id: &str| id == "n1";
        assert!(parse("#n=n1")
            .unwrap()
            .resolves_to_unit_note("f1", "u1", exists));
        assert!(parse("#/f=f1/u=u1/n=n1")
            .unwrap()
            .resolves_to_unit_note("f1", "u1", exists));
        assert!(!parse("#f=f1/n=n1")
            .unwrap()
            .resolves_to_unit_note("f1", "u1", exists));
        assert!(!parse("#n=n2")
            .unwrap()
            .resolves_to_unit_note("f1", "u1", exists));
    }
}
