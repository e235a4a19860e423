//! Numbers as contracts write them: in words ("forty-five", "six thousand five
//! hundred"), in figures ("$1,000", "AUD 6,000", "50%"), and periods of time
//! ("eighteen (18) months", "two years"). Pure, never panics.

use std::ops::Range;

use crate::static_regex;

fn unit_value(word: &str) -> Option<u64> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

fn teen_value(word: &str) -> Option<u64> {
    Some(match word {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_value(word: &str) -> Option<u64> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn scale_value(word: &str) -> Option<u64> {
    Some(match word {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// Whether `word` (lower case) is a number word.
pub fn is_number_word(word: &str) -> bool {
    unit_value(word).is_some()
        || teen_value(word).is_some()
        || tens_value(word).is_some()
        || scale_value(word).is_some()
        || word == "hundred"
}

/// Incremental parser of a written number, one word at a time.
#[derive(Debug, Default, Clone, Copy)]
struct WordNumber {
    total: u64,
    /// The group below the last scale word (< 1000).
    group: u64,
    words: usize,
}

impl WordNumber {
    /// Adds one lower-case word; false when it cannot continue the number.
    fn push(&mut self, word: &str) -> bool {
        let below_hundred = self.group % 100;
        if let Some(n) = unit_value(word) {
            // A unit starts a group, follows "hundred", or completes a tens word.
            if (self.words > 0 && n == 0)
                || !(below_hundred == 0 || (below_hundred >= 20 && below_hundred.is_multiple_of(10)))
            {
                return false;
            }
            self.group += n;
        } else if let Some(n) = teen_value(word).or_else(|| tens_value(word)) {
            if below_hundred != 0 {
                return false;
            }
            self.group += n;
        } else if word == "hundred" {
            // "five hundred", "twelve hundred"; not "thousand hundred" or "five hundred hundred".
            if self.group >= 100 || (self.words > 0 && self.group == 0) {
                return false;
            }
            self.group = self.group.max(1) * 100;
        } else if let Some(scale) = scale_value(word) {
            // Scales go down: "one million two hundred thousand", not "five thousand six thousand".
            if (self.words > 0 && self.group == 0)
                || (self.total != 0 && !self.total.is_multiple_of(scale.saturating_mul(1000)))
            {
                return false;
            }
            self.total = self.total.saturating_add(self.group.max(1).saturating_mul(scale));
            self.group = 0;
        } else {
            return false;
        }
        self.words += 1;
        true
    }

    fn value(&self) -> u64 {
        self.total.saturating_add(self.group)
    }
}

/// A number written in words, found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordsFound {
    pub value: u64,
    /// Byte range of the words in the searched text.
    pub range: Range<usize>,
}

/// Parses a written number that makes up all of `text` ("twenty-five",
/// "one hundred and twenty", "six thousand five hundred"). `None` otherwise.
pub fn parse_words(text: &str) -> Option<u64> {
    let found = words_ending_at(text, text.len())?;
    (found.range.start == text.len() - text.trim_start().len()).then_some(found.value)
}

/// The longest written number that ends exactly at byte `end` of `text`
/// (trailing spaces before `end` allowed). Used to read "thirty" in "thirty (30)".
pub fn words_ending_at(text: &str, end: usize) -> Option<WordsFound> {
    let end = end.min(text.len());
    let head = text.get(..end)?;
    let head_trim = head.trim_end();
    // Collect the words (split on spaces and hyphens) going backwards.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let bytes = head_trim.as_bytes();
    let mut i = head_trim.len();
    while i > 0 {
        let mut j = i;
        while j > 0 && bytes[j - 1].is_ascii_alphabetic() {
            j -= 1;
        }
        if j == i {
            break;
        }
        let word = head_trim[j..i].to_ascii_lowercase();
        let is_and = word == "and";
        if !is_number_word(&word) && !is_and {
            break;
        }
        tokens.push((j, i));
        if tokens.len() > 16 {
            break;
        }
        // Separator: one space or one hyphen.
        if j > 0 && matches!(bytes[j - 1], b' ' | b'-') {
            i = j - 1;
            if i > 0 && bytes[i - 1] == b',' {
                // "one million, two hundred": allow a comma.
                i -= 1;
            }
        } else {
            // A word glued to something else ("x30") does not start a number here.
            if j > 0 && bytes[j - 1].is_ascii_alphanumeric() {
                tokens.pop();
            }
            break;
        }
    }
    tokens.reverse();
    // Try the longest suffix of the tokens that parses as one number.
    for start in 0..tokens.len() {
        let slice = &tokens[start..];
        let (first_s, first_e) = slice[0];
        let first = head_trim[first_s..first_e].to_ascii_lowercase();
        if first == "and" {
            continue;
        }
        if first_s > 0 && bytes.get(first_s - 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let mut n = WordNumber::default();
        let mut ok = true;
        let mut prev_and = false;
        for (k, &(s, e)) in slice.iter().enumerate() {
            let w = head_trim[s..e].to_ascii_lowercase();
            if w == "and" {
                // "and" only inside a number, after hundred/thousand, before more number words.
                if prev_and || k + 1 == slice.len() || n.group % 100 != 0 || n.value() < 100 {
                    ok = false;
                    break;
                }
                prev_and = true;
                continue;
            }
            prev_and = false;
            if !n.push(&w) {
                ok = false;
                break;
            }
        }
        if ok && n.words > 0 {
            return Some(WordsFound { value: n.value(), range: first_s..slice[slice.len() - 1].1 });
        }
    }
    None
}

/// A figure: "1,000", "6,000.50", "$18,000", "AUD 6,000", "€4,000", "25%", "1.5".
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub currency: Option<String>,
    pub percent: bool,
}

/// Parses a figure that makes up all of `text` (inside brackets, for example).
pub fn parse_figure(text: &str) -> Option<Figure> {
    let re = static_regex!(
        r"^\s*(?:(?P<cur>[$£€¥₹]|(?:US|AU|A|NZ|C|CA|S)\$|USD|GBP|EUR|AUD|CAD|NZD|CHF|SGD|INR|JPY|Rs\.?)\s*)?(?P<num>\d{1,3}(?:[,\u{202f} ]\d{3})+|\d+)(?P<dec>\.\d+)?\s*(?P<pct>%|percent|per cent)?\s*(?P<cur2>USD|GBP|EUR|AUD|CAD|NZD|CHF|SGD|INR|JPY)?\s*$"
    );
    let c = re.captures(text)?;
    let digits: String = c.name("num")?.as_str().chars().filter(|c| c.is_ascii_digit()).collect();
    let mut value: f64 = digits.parse().ok()?;
    if let Some(dec) = c.name("dec") {
        let frac: f64 = format!("0{}", dec.as_str()).parse().ok()?;
        value += frac;
    }
    let currency = c.name("cur").or_else(|| c.name("cur2")).map(|m| m.as_str().to_string());
    Some(Figure { value, currency, percent: c.name("pct").is_some() })
}

/// A number written both in words and in figures, next to each other.
#[derive(Debug, Clone, PartialEq)]
pub struct WordsAndFigures {
    pub words: String,
    pub words_value: u64,
    pub figure: String,
    pub figure_value: f64,
    /// The whole pair, words to closing bracket (range in the searched text).
    pub range: Range<usize>,
}

impl WordsAndFigures {
    pub fn agree(&self) -> bool {
        (self.words_value as f64 - self.figure_value).abs() < 0.005
    }
}

/// Money and percent words that may sit between the words and the bracketed figure.
const AMOUNT_WORDS: &str = r"(?:(?:(?:united states|us|u\.s\.|american|australian|canadian|new zealand|singapore|hong kong)\s+)?dollars?|pounds?(?:\s+sterling)?|sterling|euros?|yen|rupees?|francs?|percent|per\s?cent|%)";

/// Finds words-and-figures pairs in `text` (normalised: single spaces):
/// "thirty (30)", "ten thousand dollars ($1,000)", "$18,000 (eighteen thousand dollars)",
/// "twenty per cent (25%)".
pub fn words_and_figures(text: &str) -> Vec<WordsAndFigures> {
    let mut out = Vec::new();
    // Words, then a bracketed figure.
    let bracket = static_regex!(r"\(([^()]{1,40})\)");
    let amount_tail = static_regex!(&format!(r"(?i)(?:^|\s)({AMOUNT_WORDS})\s*$"));
    for m in bracket.captures_iter(text) {
        let (Some(all), Some(inner)) = (m.get(0), m.get(1)) else { continue };
        let Some(fig) = parse_figure(inner.as_str()) else { continue };
        let before = &text[..all.start()];
        // Skip an amount word between the number words and the bracket.
        let mut end = before.trim_end().len();
        if let Some(t) = amount_tail.captures(&before[..end]) {
            if let Some(w) = t.get(1) {
                end = before[..w.start()].trim_end().len();
            }
        }
        let Some(words) = words_ending_at(text, end) else { continue };
        // "a six (6) month term" is fine; "Section one (1)" would also be fine. A
        // single "one"/"a" word before a list number like "(1)" at a sentence
        // start is not a pair: require the words to sit right before the bracket
        // (allowing only the amount word).
        out.push(WordsAndFigures {
            words: text[words.range.clone()].to_string(),
            words_value: words.value,
            figure: inner.as_str().trim().to_string(),
            figure_value: fig.value,
            range: words.range.start..all.end(),
        });
    }
    // Figures, then words in brackets: "$18,000 (eighteen thousand dollars)".
    let fig_first = static_regex!(
        r"(?i)((?:[$£€]|(?:US|AU|A|NZ|C)\$|USD|GBP|EUR|AUD|CAD|NZD)\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d{1,3}(?:,\d{3})*(?:\.\d+)?\s?%?)\s*\(([a-z][a-z ,-]{2,120})\)"
    );
    let trail = static_regex!(&format!(r"(?i)\s*(?:{AMOUNT_WORDS})?\s*(?:only)?\s*$"));
    for c in fig_first.captures_iter(text) {
        let (Some(all), Some(fig), Some(words)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        let Some(figure) = parse_figure(fig.as_str()) else { continue };
        let inner = words.as_str();
        let core_end = trail.find(inner).map_or(inner.len(), |m| m.start());
        let core = &inner[..core_end];
        let Some(value) = parse_words(core) else { continue };
        out.push(WordsAndFigures {
            words: core.trim().to_string(),
            words_value: value,
            figure: fig.as_str().trim().to_string(),
            figure_value: figure.value,
            range: all.range(),
        });
    }
    out.sort_by_key(|p| p.range.start);
    out
}

/// A period of time found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// Length in months (weeks and days converted, rounded to two decimals).
    pub months: f64,
    /// The period as written ("eighteen (18) months").
    pub text: String,
    pub range: Range<usize>,
}

/// Periods in `text` (normalised): "eighteen (18) months", "two years", "1 year",
/// "twelve months", "24 months", "one (1) year", "a two-year period", "six-month".
pub fn durations(text: &str) -> Vec<Duration> {
    let unit_re = static_regex!(r"(?i)(?-u:\b)(years?|months?|weeks?|days?)(?-u:\b)");
    let calendar = static_regex!(r"(?i)(?:^|[ -])calendar[ -]?$");
    let bracketed = static_regex!(r"\((\d{1,3})\)\s*$");
    let digits = static_regex!(r"(?:^|[^\w.,$£€])(\d{1,3}(?:\.\d+)?)$");
    let article = static_regex!(r"(?i)(?:^|[^\w])(an?)$");
    let mut out = Vec::new();
    for m in unit_re.find_iter(text) {
        // Step back over the separator and an optional "calendar".
        let mut end = m.start();
        let before = &text[..end];
        let sep = before.trim_end_matches([' ', '-']);
        if sep.len() == before.len() || before.len() - sep.len() > 2 {
            continue;
        }
        end = sep.len();
        if let Some(c) = calendar.find(&text[..end]) {
            end = c.start();
        }
        let head = &text[..end];
        let (count, start) = if let Some(c) = bracketed.captures(head) {
            let (Some(all), Some(f)) = (c.get(0), c.get(1)) else { continue };
            let n: f64 = f.as_str().parse().unwrap_or(0.0);
            let start = words_ending_at(text, all.start()).map_or(all.start(), |w| w.range.start);
            (n, start)
        } else if let Some(c) = digits.captures(head) {
            let Some(f) = c.get(1) else { continue };
            (f.as_str().parse().unwrap_or(0.0), f.start())
        } else if let Some(w) = words_ending_at(text, end).filter(|w| w.range.end == end) {
            (w.value as f64, w.range.start)
        } else if let Some(a) = article.captures(head).and_then(|c| c.get(1)) {
            (1.0, a.start())
        } else {
            continue;
        };
        if count <= 0.0 {
            continue;
        }
        let unit = m.as_str().to_ascii_lowercase();
        let months = if unit.starts_with("year") {
            count * 12.0
        } else if unit.starts_with("month") {
            count
        } else if unit.starts_with("week") {
            count * 12.0 / 52.0
        } else {
            count * 12.0 / 365.0
        };
        let months = (months * 100.0).round() / 100.0;
        out.push(Duration { months, text: text[start..m.end()].to_string(), range: start..m.end() });
    }
    out
}

/// Formats a month count for messages: "24 months", "1 month", "2 weeks".
pub fn describe_months(months: f64) -> String {
    if (months - months.round()).abs() < 0.01 {
        let m = months.round() as u64;
        if m == 1 {
            "1 month".to_string()
        } else {
            format!("{m} months")
        }
    } else {
        format!("{months:.1} months")
    }
}

/// Formats a figure value without a useless ".0".
pub fn describe_value(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 && v.abs() < 1e15 {
        let n = v.round() as i64;
        group_thousands(n)
    } else {
        format!("{v:.2}")
    }
}

fn group_thousands(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_numbers() {
        assert_eq!(parse_words("thirty"), Some(30));
        assert_eq!(parse_words("forty-five"), Some(45));
        assert_eq!(parse_words("Twenty Five"), Some(25));
        assert_eq!(parse_words("fifteen"), Some(15));
        assert_eq!(parse_words("one hundred twenty"), Some(120));
        assert_eq!(parse_words("one hundred and twenty"), Some(120));
        assert_eq!(parse_words("six thousand five hundred"), Some(6500));
        assert_eq!(parse_words("thirty-five thousand"), Some(35_000));
        assert_eq!(parse_words("ten thousand"), Some(10_000));
        assert_eq!(parse_words("two hundred and fifty thousand"), Some(250_000));
        assert_eq!(parse_words("one million two hundred thousand"), Some(1_200_000));
        assert_eq!(parse_words("hundred"), Some(100));
        assert_eq!(parse_words("twenty thirty"), None);
        assert_eq!(parse_words("five six"), None);
        assert_eq!(parse_words("twelve three"), None);
        assert_eq!(parse_words("and"), None);
        assert_eq!(parse_words("payment"), None);
        assert_eq!(parse_words(""), None);
    }

    #[test]
    fn words_before_a_position() {
        let text = "within forty-five (60) days";
        let end = text.find(" (").unwrap();
        let w = words_ending_at(text, end).unwrap();
        assert_eq!((w.value, &text[w.range]), (45, "forty-five"));
        // "someone" is not "one".
        assert!(words_ending_at("someone", 7).is_none());
        // Only the number part of "the first ten" is read.
        let t = "all ten";
        assert_eq!(words_ending_at(t, t.len()).map(|w| w.value), Some(10));
    }

    #[test]
    fn figures() {
        assert_eq!(parse_figure("$1,000").map(|f| f.value), Some(1000.0));
        assert_eq!(parse_figure("AUD 6,000").map(|f| f.value), Some(6000.0));
        assert_eq!(parse_figure("£35,000").map(|f| f.value), Some(35000.0));
        assert_eq!(parse_figure("25%").map(|f| (f.value, f.percent)), Some((25.0, true)));
        assert_eq!(parse_figure("1.5").map(|f| f.value), Some(1.5));
        assert_eq!(parse_figure("€4,000").map(|f| f.value), Some(4000.0));
        assert!(parse_figure("a").is_none());
        assert!(parse_figure("the \"Fee\"").is_none());
    }

    fn pairs(text: &str) -> Vec<(u64, f64, bool)> {
        words_and_figures(text).iter().map(|p| (p.words_value, p.figure_value, p.agree())).collect()
    }

    #[test]
    fn pairs_of_words_and_figures() {
        assert_eq!(pairs("within thirty (20) days"), vec![(30, 20.0, false)]);
        assert_eq!(pairs("within thirty (30) days"), vec![(30, 30.0, true)]);
        assert_eq!(pairs("a fee of ten thousand dollars ($1,000)"), vec![(10_000, 1000.0, false)]);
        assert_eq!(pairs("twenty-five thousand pounds (£25,000)"), vec![(25_000, 25_000.0, true)]);
        assert_eq!(pairs("one hundred twenty (120) days"), vec![(120, 120.0, true)]);
        assert_eq!(pairs("fifty percent (50%) of the fee"), vec![(50, 50.0, true)]);
        assert_eq!(pairs("twenty per cent (25%) of the fee"), vec![(20, 25.0, false)]);
        assert_eq!(pairs("six thousand five hundred dollars (AUD 6,000)"), vec![(6500, 6000.0, false)]);
        assert_eq!(pairs("a flat fee of $18,000 (eighteen thousand dollars) within"), vec![(18_000, 18_000.0, true)]);
        assert_eq!(pairs("a flat fee of $18,000 (eight thousand dollars) within"), vec![(8_000, 18_000.0, false)]);
        assert!(pairs("the Client (the \"Client\") and section (2)").is_empty());
        assert!(pairs("Acme Ltd (10 Main Street)").is_empty());
        assert!(pairs("payable in 2 instalments (50%) each").is_empty());
    }

    fn months(text: &str) -> Vec<f64> {
        durations(text).iter().map(|d| d.months).collect()
    }

    #[test]
    fn periods() {
        assert_eq!(months("for eighteen (18) months after"), vec![18.0]);
        assert_eq!(months("for two years after"), vec![24.0]);
        assert_eq!(months("for 1 year after"), vec![12.0]);
        assert_eq!(months("for twelve months"), vec![12.0]);
        assert_eq!(months("for 24 months"), vec![24.0]);
        assert_eq!(months("for one (1) year"), vec![12.0]);
        assert_eq!(months("a two-year period"), vec![24.0]);
        assert_eq!(months("for a year"), vec![12.0]);
        assert_eq!(months("six (6) months"), vec![6.0]);
        assert_eq!(months("for twenty-four months"), vec![24.0]);
        assert_eq!(months("within 30 days"), vec![0.99]);
        assert!(months("for several years").is_empty());
        assert_eq!(months("for 4.5 months"), vec![4.5]);
        assert!(months("version 1.2.3 days").is_empty());
        assert_eq!(
            durations("for two (2) years after").first().map(|d| d.text.clone()),
            Some("two (2) years".to_string())
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(describe_value(1000.0), "1,000");
        assert_eq!(describe_value(6500.0), "6,500");
        assert_eq!(describe_value(1.5), "1.50");
        assert_eq!(describe_months(24.0), "24 months");
    }
}
