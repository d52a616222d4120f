//! A phrase rule's regex with a quick gate in front of it.
//!
//! The phrase rules are run on every short line of every page, and most of their cost is
//! two things the regex crate's fast engine (a lazy DFA) cannot do cheaply: a Unicode word
//! boundary `\b` makes it give up on any line with a non-ASCII letter ("ü", "é", a curly
//! quote), leaving the line to the PikeVM, twenty times slower; and a counted repetition
//! such as `.{0,200}` or `[\w ]{0,80}` multiplies its states until its cache overflows,
//! with the same result. The gate is the rule's own pattern without either: every `\b` (and
//! other word assertion) removed and every `{m,n}` widened to `{m,}`. Both changes only let
//! more text match, so a line the gate rejects cannot match the rule, and the rule proper
//! runs only on the few lines that pass the gate: the verdicts are exactly the rule's.
//!
//! The rule proper is compiled the first time its gate lets a line through: most rules
//! never meet a line of theirs on a page, and a long counted repetition is costly to compile
//! (a `cermin import` of one page would spend more time compiling rules than reading it).

use std::sync::OnceLock;

use regex::{Match, Regex};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

/// A rule's regex and, when it has word boundaries or counted repetitions, its gate.
pub struct GatedRegex {
    pattern: Box<str>,
    /// The rule proper: compiled at once when there is no gate, else when first needed.
    rule: OnceLock<Regex>,
    gate: Option<Regex>,
}

impl GatedRegex {
    /// Compiles the gate of `pattern`, or the pattern itself when the gate would be the same.
    /// A pattern that does not parse is an error here, not at its first use.
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        let rule = OnceLock::new();
        let gate = match gate_pattern(pattern) {
            Some(gate) => Some(Regex::new(&gate)?),
            None => {
                let _ = rule.set(Regex::new(pattern)?);
                None
            }
        };
        Ok(Self {
            pattern: pattern.into(),
            rule,
            gate,
        })
    }

    /// Whether the rule matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.rule().is_match(text)
    }

    /// The rule's leftmost match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.may_match(text)
            .then(|| self.rule().find(text))
            .flatten()
    }

    fn may_match(&self, text: &str) -> bool {
        self.gate.as_ref().is_none_or(|gate| gate.is_match(text))
    }

    /// The rule proper. Its pattern parsed when the gate was made, so only a pattern past
    /// the regex crate's size limit can fail here (the tests compile every rule).
    pub fn rule(&self) -> &Regex {
        self.rule.get_or_init(|| {
            Regex::new(&self.pattern)
                .unwrap_or_else(|e| panic!("phrase rule {}: {e}", self.pattern))
        })
    }
}

/// The gate of `pattern`: the same pattern without word assertions and with every counted
/// repetition left open above; `None` when that changes nothing or the pattern does not
/// parse (`Regex::new` of the pattern then reports why).
fn gate_pattern(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let gate = widened(hir.clone());
    (gate != hir).then(|| gate.to_string())
}

/// `hir` matching at least what it matched: word assertions become empty, `x{m,n}` becomes
/// `x{m,}` (an optional `x?` stays as it is: it costs the lazy DFA nothing).
fn widened(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) => match look {
            Look::Start
            | Look::End
            | Look::StartLF
            | Look::EndLF
            | Look::StartCRLF
            | Look::EndCRLF => Hir::look(look),
            _ => Hir::empty(),
        },
        HirKind::Repetition(rep) => {
            let optional = rep.min == 0 && rep.max == Some(1);
            Hir::repetition(Repetition {
                min: rep.min,
                max: if optional { rep.max } else { None },
                greedy: rep.greedy,
                sub: Box::new(widened(*rep.sub)),
            })
        }
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name,
            sub: Box::new(widened(*cap.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(widened).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(widened).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(pattern: &str) -> Regex {
        Regex::new(&gate_pattern(pattern).expect("a gate")).expect("a valid gate")
    }

    #[test]
    fn the_gate_drops_word_boundaries_and_opens_counted_repetitions() {
        let pattern = r"(?i)\bfoto\s*:\s*\S.{0,5}$";
        let rule = Regex::new(pattern).unwrap();
        let gate = gate(pattern);
        // What the rule takes, the gate takes.
        for line in ["Foto: Andina", "Ein Bild. FOTO: dpa", "foto:x"] {
            assert!(rule.is_match(line) && gate.is_match(line), "{line}");
        }
        // The gate lets more through: a "foto" inside a word, a longer tail.
        assert!(!rule.is_match("Autofoto: Andina") && gate.is_match("Autofoto: Andina"));
        assert!(!rule.is_match("Foto: Andina Press") && gate.is_match("Foto: Andina Press"));
        // A line without the words passes neither.
        assert!(!gate.is_match("Harga gabah naik lagi."));
    }

    #[test]
    fn anchors_and_optional_parts_stay() {
        let gate = gate(r"(?i)^\W*baca\s+juga\b:?$");
        assert!(gate.is_match("Baca juga") && gate.is_match("baca juga:"));
        assert!(!gate.is_match("Warga baca juga"), "the start anchor stays");
        assert!(!gate.is_match("baca juga:: lagi"), "the end anchor stays");
    }

    #[test]
    fn a_pattern_with_nothing_to_widen_has_no_gate() {
        assert_eq!(gate_pattern(r"(?i)^\W*(?:halaman|page)\s*:?\s*\d*$"), None);
        assert!(GatedRegex::new(r"^\d+$").unwrap().gate.is_none());
    }

    #[test]
    fn a_pattern_that_does_not_parse_is_an_error_at_once() {
        assert!(GatedRegex::new(r"(?i)\bfoto\s*:(").is_err());
        assert!(GatedRegex::new(r"^(\d+$").is_err());
    }

    #[test]
    fn gated_answers_are_the_rules_answers() {
        let pattern = r"(?i)\b(?:warning|notice)\s*:\s.{0,30}?\bon\s+line\s+\d+";
        let gated = GatedRegex::new(pattern).unwrap();
        let rule = Regex::new(pattern).unwrap();
        for line in [
            "Warning: Undefined variable $x in /var/www/a.php on line 12",
            "Awarning: x on line 3",
            "Notice: déjà vu on line 7 — und Müller",
            "Kein Hinweis hier, nur Text über Ärzte.",
        ] {
            assert_eq!(gated.is_match(line), rule.is_match(line), "{line}");
            assert_eq!(
                gated.find(line).map(|m| m.range()),
                rule.find(line).map(|m| m.range()),
                "{line}"
            );
        }
    }
}
