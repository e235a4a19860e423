//! `restrictive.non-compete-duration`: a non-compete longer than the configured limit.

use crate::model::numbers::{describe_months, durations};
use crate::rules::Hit;
use crate::static_regex;

use super::{ChunkCx, CodedRule};

/// A non-compete whose period exceeds `settings.non_compete_max_months`.
pub struct NonCompeteDuration;

/// Whether a sentence restrains someone from competing or from working for others.
pub(crate) fn is_non_compete(norm: &str) -> bool {
    let negated = static_regex!(
        r"(?i)\bno\s+(?:non-?compet\w*|restrictive covenant|restriction on (?:competition|competing))|\b(?:not|never) (?:be )?(?:subject to|bound by) (?:any )?(?:non-?compet|restrict)|\bnothing in this \w+ (?:shall |will )?(?:restricts?|prevents?|limits?|prohibits?)|\b(?:is|are|remains?) free to\b|\bmay (?:freely )?(?:work|provide services) for (?:anyone|any (?:other )?(?:person|client|third))"
    );
    if negated.is_match(norm) {
        return false;
    }
    let named = static_regex!(
        r"(?i)\bnon-?compet\w*|\bnot\b[^.;]{0,40}?\bcompete\b|\brefrain from compet\w*|\bcovenant not to compete\b"
    );
    if named.is_match(norm) {
        return true;
    }
    // "shall not provide services to any bank", "won't build a product for the Client's competitors".
    let restraint = static_regex!(
        r"(?i)\b(?:shall|will|must|may|agrees? to|undertakes? to|covenants? to|is not to|are not to)\s+not\b|\bwon't\b|\bcannot\b|\bshall refrain\b|\bis prohibited from\b|\bagrees? not to\b|\bundertakes? not to\b"
    );
    let Some(r) = restraint.find(norm) else { return false };
    let rest = &norm[r.end()..];
    let work = static_regex!(
        r"(?i)^[^.;]{0,60}?\b(?:provide|perform|offer|render|sell|supply|build|develop|design|create|work|engage|be (?:employed|engaged|retained)|accept (?:work|engagements?)|undertake|consult|join|assist|carry on|set up|start|own|operate|advise)\b[^.;]{0,140}?\b(?:competitors?|competing|competitive|rivals?|compete|any (?:[\w-]+ ){0,4}?(?:company|companies|business(?:es)?|retailers?|banks?|institutions?|organi[sz]ations?|clubs?|entity|entities|person|third part(?:y|ies)|client|customer|operator|broadcaster|body)|(?:industry|sector|market|field)\b)"
    );
    if !work.is_match(rest) {
        return false;
    }
    // Non-solicitation and no-hire clauses are a different covenant.
    !static_regex!(r"(?i)^[^.;]{0,30}?\b(?:solicit|hire|employ|poach|entice|induce|recruit)\w*\b").is_match(rest)
}

impl CodedRule for NonCompeteDuration {
    fn id(&self) -> &'static str {
        "restrictive.non-compete-duration"
    }

    fn check_chunk(&self, cx: &ChunkCx, out: &mut Vec<Hit>) {
        let limit = cx.settings.non_compete_max_months as f64;
        let mut heading_says_non_compete = false;
        for sentence in &cx.facts.sentences {
            let norm = &sentence.norm;
            if sentence.in_heading {
                heading_says_non_compete = static_regex!(r"(?i)non-?compet|restrictive covenant|restraint|exclusivity")
                    .is_match(norm)
                    && !static_regex!(r"(?i)\bno non-?compet").is_match(norm);
                continue;
            }
            let restraint_under_heading = heading_says_non_compete
                && static_regex!(r"(?i)\b(?:shall|will|must) not\b|\bwon't\b").is_match(norm)
                && !static_regex!(r"(?i)\b(?:solicit|hire|disclose)").is_match(norm);
            if !is_non_compete(norm) && !restraint_under_heading {
                continue;
            }
            // The restricted period: a duration used as a period ("for two years after",
            // "twelve (12) months thereafter"), not the length of a term or notice.
            let mut longest: Option<(f64, String, std::ops::Range<usize>)> = None;
            for d in durations(norm) {
                let before = norm[..d.range.start].to_ascii_lowercase();
                let after = norm[d.range.end..].to_ascii_lowercase();
                let after = after.trim_start();
                if static_regex!(
                    r"^(?:'s?\s+)?(?:term|notice|written notice|contract|agreement|salary|fee|warranty|support|payment)"
                )
                .is_match(after)
                {
                    continue;
                }
                if static_regex!(r"(?:notice of|within|paid|salary|fees? (?:for|of))\s*$").is_match(before.trim_end()) {
                    continue;
                }
                let period = static_regex!(r"(?:\bfor|\bduring|\bperiod of|\bup to|\bof|\bwithin|\bthrough)\s*(?:a\s+|an\s+|the\s+)?(?:further\s+|additional\s+|subsequent\s+)?$").is_match(before.trim_end())
                    || before.trim_end().ends_with(" for")
                    || static_regex!(r"^(?:\S+\s+)?(?:after|following|thereafter|from|post|beyond|of the (?:end|termination|expiry))").is_match(after);
                if !period {
                    continue;
                }
                if longest.as_ref().is_none_or(|l| d.months > l.0) {
                    longest = Some((d.months, d.text.clone(), d.range.clone()));
                }
            }
            let Some((months, text, range)) = longest else { continue };
            if months <= limit + 1e-6 {
                continue;
            }
            let message = format!(
                "Non-compete of {} (\"{}\"), longer than your limit of {}: ask for {} or less",
                describe_months(months),
                text,
                describe_months(limit),
                describe_months(limit)
            );
            out.push(Hit { rule: self.id(), range: sentence.original_range(range, cx.text), message: Some(message) });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, findings, spans};

    const ID: &str = "restrictive.non-compete-duration";

    #[test]
    fn flag_long_non_competes() {
        assert_eq!(spans(ID, "For two (2) years after termination, the Consultant shall not provide forecasting services to the Client's direct competitors.\n"), vec!["two (2) years"]);
        assert_flags(ID, "During the Term and for twenty-four (24) months thereafter, Contractor shall not, directly or indirectly, provide services to any bank or credit union.\n");
        assert_flags(
            ID,
            "The Consultant agrees not to compete with the Client for one year after the final invoice.\n",
        );
        assert_flags(ID, "For one year after launch, Consultant won't build a maths tutoring product for BrightPath's direct competitors.\n");
        assert_flags(ID, "During the Term and for two years after it ends, the Consultant must not provide data science services to any sporting club in Australia.\n");
        assert_flags(ID, "This non-compete applies for eighteen (18) months after the Services end.\n");
        let f = findings(ID, "The Consultant will not compete with the Client for 24 months after termination.\n");
        assert!(f[0].message.contains("24 months") && f[0].message.contains("6 months"), "{}", f[0].message);
    }

    #[test]
    fn dont_flag_short_or_other_covenants() {
        assert_silent(ID, "For six (6) months after the Services end, Kestrel will not provide anomaly detection services to the three competitors named in Schedule 2.\n");
        assert_silent(
            ID,
            "For 12 months after termination, the Consultant shall not solicit any employee of the Client.\n",
        );
        assert_silent(ID, "If the Client hires the Consultant within twelve (12) months after the Services end, the Client will pay a conversion fee.\n");
        assert_silent(
            ID,
            "This Agreement contains no non-compete, and the Consultant may work for anyone after the two-year term.\n",
        );
        assert_silent(
            ID,
            "The Consultant shall not disclose Confidential Information for five (5) years after termination.\n",
        );
        assert_silent(ID, "During the Term and for twelve (12) months thereafter, Client will not hire any Agency employee without paying a fee.\n");
        assert_silent(ID, "Nothing in this Agreement restricts the Consultant from working for competitors for two years or at all.\n");
    }
}
