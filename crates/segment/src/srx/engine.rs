//! The SRX rule engine: compiled rules for one language and the break algorithm.
//!
//! A position `p` of the text matches a rule when the rule's `beforebreak` pattern has a match
//! that ends exactly at `p` and its `afterbreak` pattern has a match that starts exactly at `p`.
//! The first matching rule, in rule order, decides whether `p` is a break. Capturing groups in a
//! pattern have no influence on where the break is.
//!
//! To stay fast with rule sets of hundreds of rules, consecutive rules of the same kind (break or
//! no-break) that share one `afterbreak` pattern are compiled into one alternation: "the first of
//! them that matches" and "any of them matches" decide the same way. Candidate positions come from
//! the break rules alone (no break can happen where no break rule matches); each candidate is then
//! decided by testing the rule groups in order, `afterbreak` first, then `beforebreak` anchored at
//! the candidate.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex_automata::hybrid;
use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input, MatchKind};

use super::boundary::without_leading_word_boundary;
use super::document::{FormatHandling, SrxDocument, SrxRule};
use super::java::translate;
use crate::{Position, SegmentError};

/// How far back a `beforebreak` match may start, and how far ahead a fancy `afterbreak` may look.
const WINDOW: usize = 1024;
/// At most this many rules go into one alternation.
const MAX_GROUP: usize = 400;
/// Backtracking budget of one fancy-regex match.
const BACKTRACK_LIMIT: usize = 200_000;

#[derive(Debug)]
enum Pattern {
    Plain(Regex),
    Fancy(Box<fancy_regex::Regex>),
}

/// Which rule a group came from, for error messages.
#[derive(Debug, Clone)]
struct RuleId {
    language_rule: String,
    number: usize,
}

#[derive(Debug)]
struct RuleGroup {
    is_break: bool,
    /// `(?:before)\z`, run on the text up to the candidate; compiled on first use, because the
    /// multi-pattern DFAs usually answer instead.
    before_at_end: OnceLock<Pattern>,
    /// `(?:before)`, run forward to find candidates; compiled on first use.
    before_forward: OnceLock<Pattern>,
    /// Where the group's first rule is, for errors.
    position: Position,
    /// The group's `beforebreak` alternation, in Rust syntax.
    alternation: String,
    /// True when the alternation needs fancy-regex.
    fancy: bool,
    /// Index into `SrxRules::afters`; `None` when the afterbreak pattern is empty.
    after: Option<usize>,
    first_rule: RuleId,
}

/// SRX rules compiled for one language.
#[derive(Debug)]
pub struct SrxRules {
    groups: Vec<RuleGroup>,
    /// Every plain break group's `beforebreak` in one forward DFA: all match ends in one pass.
    forward: Option<MultiDfa>,
    /// Every plain group's `beforebreak` in one reverse DFA: which groups match ending at a position.
    reverse: Option<MultiDfa>,
    afters: Vec<Pattern>,
    format_handling: FormatHandling,
    segment_subflows: bool,
    rule_count: usize,
}

struct Translation {
    pattern: String,
    fancy: bool,
}

impl SrxRules {
    /// Compiles the rules that `document` maps to `language`.
    pub fn compile(document: &SrxDocument, language: &str) -> Result<Self, SegmentError> {
        let mut selected: Vec<(&str, usize, &SrxRule)> = Vec::new();
        let mut matched_any_map = false;
        for map in &document.language_maps {
            let translated = translate(&map.pattern).map_err(|message| SegmentError::Pattern {
                position: map.position,
                language_rule: map.rule_name.clone(),
                rule: 0,
                side: "languagepattern",
                pattern: map.pattern.clone(),
                message,
            })?;
            let anchored = format!(r"\A(?:{})\z", translated.pattern);
            let matches = if translated.fancy {
                fancy_regex::Regex::new(&anchored)
                    .ok()
                    .and_then(|re| re.is_match(language).ok())
            } else {
                Regex::new(&anchored).ok().map(|re| re.is_match(language))
            };
            let Some(matches) = matches else {
                return Err(SegmentError::Pattern {
                    position: map.position,
                    language_rule: map.rule_name.clone(),
                    rule: 0,
                    side: "languagepattern",
                    pattern: map.pattern.clone(),
                    message: "does not compile".into(),
                });
            };
            if !matches {
                continue;
            }
            matched_any_map = true;
            if let Some(rules) = document
                .language_rules
                .iter()
                .find(|rule| rule.name == map.rule_name)
            {
                selected.extend(
                    rules
                        .rules
                        .iter()
                        .enumerate()
                        .map(|(index, rule)| (rules.name.as_str(), index + 1, rule)),
                );
            }
            if !document.cascade {
                break;
            }
        }
        if !matched_any_map {
            return Err(SegmentError::NoRulesForLanguage {
                language: language.to_string(),
            });
        }

        let mut afters: Vec<Pattern> = Vec::new();
        let mut after_ids: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<RuleGroup> = Vec::new();
        let mut pending: Vec<(RuleId, Translation)> = Vec::new();
        let mut pending_key: Option<(GroupKey, Position)> = None;
        for (language_rule, number, rule) in &selected {
            let id = RuleId {
                language_rule: language_rule.to_string(),
                number: *number,
            };
            let mut before = translate_side(rule, &id, "beforebreak", &rule.before)?;
            let after = translate_side(rule, &id, "afterbreak", &rule.after)?;
            validate(rule, &id, "beforebreak", &rule.before, &before)?;
            validate(rule, &id, "afterbreak", &rule.after, &after)?;
            if !before.fancy {
                if let Some(rewritten) = without_leading_word_boundary(&before.pattern) {
                    before.pattern = rewritten;
                }
            }
            let key = GroupKey {
                is_break: rule.is_break,
                after: after.pattern,
                after_fancy: after.fancy,
                before_fancy: before.fancy,
            };
            let same_group = pending_key.as_ref().is_some_and(|(k, _)| *k == key);
            if !same_group || pending.len() >= MAX_GROUP {
                if let Some((done, position)) = pending_key.take() {
                    let members = std::mem::take(&mut pending);
                    flush_group(
                        &mut groups,
                        &mut afters,
                        &mut after_ids,
                        members,
                        &done,
                        position,
                    )?;
                }
                pending_key = Some((key, rule.position));
            }
            pending.push((id, before));
        }
        if let Some((done, position)) = pending_key {
            flush_group(
                &mut groups,
                &mut afters,
                &mut after_ids,
                pending,
                &done,
                position,
            )?;
        }
        let forward = MultiDfa::build(&groups, |g| g.is_break && !g.fancy, false);
        let reverse = MultiDfa::build(&groups, |g| !g.fancy, true);
        // Without the DFAs every group runs through its own regexes: compile them now, so that a
        // pattern that cannot be compiled is reported while loading.
        for group in &groups {
            if reverse.is_none() || group.fancy {
                group.at_end()?;
            }
            if group.is_break && (forward.is_none() || group.fancy) {
                group.forward()?;
            }
        }
        Ok(Self {
            groups,
            forward,
            reverse,
            afters,
            format_handling: document.format_handling,
            segment_subflows: document.segment_subflows,
            rule_count: selected.len(),
        })
    }

    /// Where codes at a break go.
    pub fn format_handling(&self) -> FormatHandling {
        self.format_handling
    }

    /// The header's `segmentsubflows` flag.
    pub fn segment_subflows(&self) -> bool {
        self.segment_subflows
    }

    /// How many rules apply to the language, across all cascaded maps.
    pub fn rule_count(&self) -> usize {
        self.rule_count
    }

    /// Break positions in `text`, in increasing order, excluding 0 and `text.len()`.
    pub fn breaks(&self, text: &str) -> Result<Vec<usize>, SegmentError> {
        let mut candidates: Vec<usize> = Vec::new();
        let forward_done = self
            .forward
            .as_ref()
            .is_some_and(|multi| multi.all_match_ends(text, &mut candidates));
        for group in self.groups.iter().filter(|g| g.is_break) {
            let covered = forward_done && !group.fancy;
            if !covered {
                find_match_ends(group.forward()?, text, &group.first_rule, &mut candidates)?;
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut after_memo: Vec<Option<bool>> = vec![None; self.afters.len()];
        let mut before_hits: Vec<bool> = vec![false; self.groups.len()];
        let mut breaks = Vec::new();
        for &position in &candidates {
            if position == 0 || position >= text.len() {
                continue;
            }
            after_memo.iter_mut().for_each(|m| *m = None);
            let hits_known = self
                .reverse
                .as_ref()
                .is_some_and(|multi| multi.groups_ending_at(text, position, &mut before_hits));
            for (index, group) in self.groups.iter().enumerate() {
                if hits_known && !group.fancy && !before_hits.get(index).copied().unwrap_or(false) {
                    continue;
                }
                let after_ok = match group.after {
                    None => true,
                    Some(after) => match after_memo.get(after).copied().flatten() {
                        Some(known) => known,
                        None => {
                            let result = match self.afters.get(after) {
                                Some(p) => after_matches(p, text, position, &group.first_rule)?,
                                None => false,
                            };
                            if let Some(slot) = after_memo.get_mut(after) {
                                *slot = Some(result);
                            }
                            result
                        }
                    },
                };
                if !after_ok {
                    continue;
                }
                let before_ok = if hits_known && !group.fancy {
                    true
                } else {
                    before_ends_at(group.at_end()?, text, position, &group.first_rule)?
                };
                if before_ok {
                    if group.is_break {
                        breaks.push(position);
                    }
                    break;
                }
            }
        }
        Ok(breaks)
    }
}

/// Several groups' `beforebreak` patterns in one lazy DFA that reports every match.
#[derive(Debug)]
struct MultiDfa {
    dfa: hybrid::dfa::DFA,
    /// The group each pattern of the DFA belongs to.
    group_of_pattern: Vec<usize>,
    /// The DFA's cache, kept between calls; a thread that finds it busy makes its own.
    cache: std::sync::Mutex<hybrid::dfa::Cache>,
}

impl MultiDfa {
    fn build(
        groups: &[RuleGroup],
        include: impl Fn(&RuleGroup) -> bool,
        reverse: bool,
    ) -> Option<Self> {
        let (group_of_pattern, patterns): (Vec<usize>, Vec<&str>) = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| include(g))
            .map(|(index, g)| (index, g.alternation.as_str()))
            .unzip();
        if patterns.is_empty() {
            return None;
        }
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::All)
                    .unicode_word_boundary(true)
                    .cache_capacity(32 << 20),
            )
            .thompson(regex_automata::nfa::thompson::Config::new().reverse(reverse))
            .build_many(&patterns)
            .ok()?;
        let cache = std::sync::Mutex::new(dfa.create_cache());
        Some(Self {
            dfa,
            group_of_pattern,
            cache,
        })
    }

    fn with_cache<T>(&self, run: impl FnOnce(&mut hybrid::dfa::Cache) -> T) -> T {
        match self.cache.try_lock() {
            Ok(mut cache) => run(&mut cache),
            Err(_) => run(&mut self.dfa.create_cache()),
        }
    }

    /// Every position where a match of any pattern ends. False (adding nothing) when the DFA
    /// gives up on this text, for example at a Unicode word boundary next to non-ASCII text.
    fn all_match_ends(&self, text: &str, out: &mut Vec<usize>) -> bool {
        self.with_cache(|cache| {
            let mut state = hybrid::dfa::OverlappingState::start();
            let input = Input::new(text);
            let before = out.len();
            loop {
                if self
                    .dfa
                    .try_search_overlapping_fwd(cache, &input, &mut state)
                    .is_err()
                {
                    out.truncate(before);
                    return false;
                }
                match state.get_match() {
                    Some(found) => out.push(found.offset()),
                    None => return true,
                }
            }
        })
    }

    /// Marks in `hits` the groups whose pattern has a match ending exactly at `position`.
    /// False when the DFA gave up; `hits` is then meaningless.
    fn groups_ending_at(&self, text: &str, position: usize, hits: &mut [bool]) -> bool {
        hits.iter_mut().for_each(|h| *h = false);
        let low = floor_boundary(text, position.saturating_sub(WINDOW));
        self.with_cache(|cache| {
            let mut state = hybrid::dfa::OverlappingState::start();
            let input = Input::new(text)
                .range(low..position)
                .anchored(Anchored::Yes);
            loop {
                if self
                    .dfa
                    .try_search_overlapping_rev(cache, &input, &mut state)
                    .is_err()
                {
                    return false;
                }
                match state.get_match() {
                    Some(found) => {
                        let group = self
                            .group_of_pattern
                            .get(found.pattern().as_usize())
                            .copied();
                        if let Some(hit) = group.and_then(|g| hits.get_mut(g)) {
                            *hit = true;
                        }
                    }
                    None => return true,
                }
            }
        })
    }
}

fn translate_side(
    rule: &SrxRule,
    id: &RuleId,
    side: &'static str,
    java: &str,
) -> Result<Translation, SegmentError> {
    let translated = translate(java).map_err(|message| SegmentError::Pattern {
        position: rule.position,
        language_rule: id.language_rule.clone(),
        rule: id.number,
        side,
        pattern: java.to_string(),
        message,
    })?;
    Ok(Translation {
        pattern: translated.pattern,
        fancy: translated.fancy,
    })
}

/// Compiles one side on its own, so that an error names the exact rule.
fn validate(
    rule: &SrxRule,
    id: &RuleId,
    side: &'static str,
    java: &str,
    translation: &Translation,
) -> Result<(), SegmentError> {
    let result = if translation.fancy {
        fancy_regex::Regex::new(&translation.pattern)
            .map(|_| ())
            .map_err(|e| e.to_string())
    } else {
        regex_syntax::Parser::new()
            .parse(&translation.pattern)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    result.map_err(|message| SegmentError::Pattern {
        position: rule.position,
        language_rule: id.language_rule.clone(),
        rule: id.number,
        side,
        pattern: java.to_string(),
        message: message
            .lines()
            .last()
            .unwrap_or_default()
            .trim()
            .to_string(),
    })
}

fn flush_group(
    groups: &mut Vec<RuleGroup>,
    afters: &mut Vec<Pattern>,
    after_ids: &mut HashMap<String, usize>,
    members: Vec<(RuleId, Translation)>,
    key: &GroupKey,
    position: Position,
) -> Result<(), SegmentError> {
    let Some((first_rule, first)) = members.first() else {
        return Ok(());
    };
    let first_rule = first_rule.clone();
    let fancy = first.fancy;
    let alternation = members
        .iter()
        .map(|(_, t)| format!("(?:{})", t.pattern))
        .collect::<Vec<_>>()
        .join("|");
    let after = if key.after.is_empty() {
        None
    } else if let Some(&index) = after_ids.get(&key.after) {
        Some(index)
    } else {
        let pattern =
            compile(&format!("(?:{})", key.after), key.after_fancy).map_err(|message| {
                SegmentError::Pattern {
                    position,
                    language_rule: first_rule.language_rule.clone(),
                    rule: first_rule.number,
                    side: "afterbreak",
                    pattern: key.after.clone(),
                    message,
                }
            })?;
        afters.push(pattern);
        after_ids.insert(key.after.clone(), afters.len() - 1);
        Some(afters.len() - 1)
    };
    groups.push(RuleGroup {
        is_break: key.is_break,
        before_at_end: OnceLock::new(),
        before_forward: OnceLock::new(),
        position,
        alternation,
        fancy,
        after,
        first_rule,
    });
    Ok(())
}

/// What consecutive rules must share to be compiled into one group.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GroupKey {
    is_break: bool,
    after: String,
    after_fancy: bool,
    before_fancy: bool,
}

impl RuleGroup {
    fn pattern_error(&self, message: String) -> SegmentError {
        SegmentError::Pattern {
            position: self.position,
            language_rule: self.first_rule.language_rule.clone(),
            rule: self.first_rule.number,
            side: "beforebreak",
            pattern: self.alternation.chars().take(200).collect(),
            message,
        }
    }

    fn lazily<'a>(
        &self,
        slot: &'a OnceLock<Pattern>,
        pattern: impl FnOnce() -> String,
    ) -> Result<&'a Pattern, SegmentError> {
        if let Some(compiled) = slot.get() {
            return Ok(compiled);
        }
        let compiled = compile(&pattern(), self.fancy).map_err(|m| self.pattern_error(m))?;
        Ok(slot.get_or_init(|| compiled))
    }

    fn at_end(&self) -> Result<&Pattern, SegmentError> {
        self.lazily(&self.before_at_end, || {
            format!("(?:{})\\z", self.alternation)
        })
    }

    fn forward(&self) -> Result<&Pattern, SegmentError> {
        self.lazily(&self.before_forward, || self.alternation.clone())
    }
}

fn compile(pattern: &str, fancy: bool) -> Result<Pattern, String> {
    if fancy {
        fancy_regex::RegexBuilder::new(pattern)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map(|re| Pattern::Fancy(Box::new(re)))
            .map_err(|e| e.to_string())
    } else {
        Regex::builder()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(64 << 20))
                    .hybrid_cache_capacity(64 << 20),
            )
            .build(pattern)
            .map(Pattern::Plain)
            .map_err(|e| e.to_string())
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

fn budget_error(id: &RuleId, offset: usize) -> SegmentError {
    SegmentError::MatchBudget {
        language_rule: id.language_rule.clone(),
        rule: id.number,
        offset,
    }
}

/// Ends of the leftmost match starting at or after each position, as Java's `Matcher.find`
/// reports them when restarted one character after each match start.
fn find_match_ends(
    pattern: &Pattern,
    text: &str,
    id: &RuleId,
    out: &mut Vec<usize>,
) -> Result<(), SegmentError> {
    let mut from = 0;
    while from <= text.len() {
        let found = match pattern {
            Pattern::Plain(re) => re
                .search(&Input::new(text).range(from..))
                .map(|m| (m.start(), m.end())),
            Pattern::Fancy(re) => re
                .find_from_pos(text, from)
                .map_err(|_| budget_error(id, from))?
                .map(|m| (m.start(), m.end())),
        };
        let Some((start, end)) = found else { break };
        out.push(end);
        if start >= text.len() {
            break;
        }
        from = ceil_boundary(text, start + 1);
    }
    Ok(())
}

/// Whether `pattern` (which ends in `\z`) matches a stretch of `text` that ends at `position`.
fn before_ends_at(
    pattern: &Pattern,
    text: &str,
    position: usize,
    id: &RuleId,
) -> Result<bool, SegmentError> {
    let head = text.get(..position).unwrap_or_default();
    let low = floor_boundary(head, position.saturating_sub(WINDOW));
    match pattern {
        Pattern::Plain(re) => Ok(re.is_match(Input::new(head).range(low..))),
        Pattern::Fancy(re) => re
            .find_from_pos(head, low)
            .map(|m| m.is_some())
            .map_err(|_| budget_error(id, position)),
    }
}

/// Whether `pattern` matches at exactly `position`.
fn after_matches(
    pattern: &Pattern,
    text: &str,
    position: usize,
    id: &RuleId,
) -> Result<bool, SegmentError> {
    match pattern {
        Pattern::Plain(re) => {
            Ok(re.is_match(Input::new(text).range(position..).anchored(Anchored::Yes)))
        }
        Pattern::Fancy(re) => {
            let limit = ceil_boundary(text, position.saturating_add(WINDOW));
            let window = text.get(..limit).unwrap_or(text);
            re.find_from_pos(window, position)
                .map(|m| m.is_some_and(|m| m.start() == position))
                .map_err(|_| budget_error(id, position))
        }
    }
}
