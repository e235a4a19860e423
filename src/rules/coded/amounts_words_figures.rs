//! `amounts.words-figures`: "thirty (20) days", "ten thousand dollars ($1,000)".

use crate::model::numbers::{describe_value, words_and_figures};
use crate::rules::Hit;

use super::{ChunkCx, CodedRule};

/// Amounts written twice, in words and in figures, that disagree.
pub struct AmountsWordsFigures;

impl CodedRule for AmountsWordsFigures {
    fn id(&self) -> &'static str {
        "amounts.words-figures"
    }

    fn check_chunk(&self, cx: &ChunkCx, out: &mut Vec<Hit>) {
        for sentence in &cx.facts.sentences {
            if sentence.in_heading {
                continue;
            }
            for pair in words_and_figures(&sentence.norm) {
                if pair.agree() {
                    continue;
                }
                let message = format!(
                    "Words and figures disagree: \"{}\" is {} but the figure says {}. Check which was agreed and correct the other",
                    pair.words,
                    describe_value(pair.words_value as f64),
                    pair.figure
                );
                out.push(Hit {
                    rule: self.id(),
                    range: sentence.original_range(pair.range.clone(), cx.text),
                    message: Some(message),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, findings, spans};

    const ID: &str = "amounts.words-figures";

    #[test]
    fn flag_days_that_disagree() {
        assert_eq!(spans(ID, "The Client will pay within thirty (20) days.\n"), vec!["thirty (20)"]);
        assert_flags(ID, "Bank shall pay undisputed amounts within forty-five (60) days after approval.\n");
        assert_flags(ID, "Firm will pay each invoice within fifteen (30) days after receipt.\n");
    }

    #[test]
    fn flag_money_and_percentages_that_disagree() {
        assert_flags(ID, "The fixed fee is ten thousand dollars ($1,000).\n");
        assert_flags(ID, "A monthly fee of six thousand five hundred dollars (AUD 6,000) plus GST.\n");
        assert_flags(ID, "The deposit is twenty percent (25%) of the fees.\n");
        assert_flags(ID, "A flat fee of $18,000 (eight thousand dollars).\n");
        let f = findings(ID, "Pay within thirty (20) days.\n");
        assert!(f[0].message.contains("\"thirty\" is 30") && f[0].message.contains("20"), "{}", f[0].message);
    }

    #[test]
    fn dont_flag_agreeing_pairs() {
        assert_silent(ID, "Pay within thirty (30) days of each invoice.\n");
        assert_silent(ID, "The fee is twenty-five thousand pounds (£25,000).\n");
        assert_silent(ID, "Support lasts one hundred twenty (120) days.\n");
        assert_silent(ID, "Support lasts one hundred and twenty (120) days.\n");
        assert_silent(ID, "The deposit is fifty percent (50%) of the fees.\n");
        assert_silent(ID, "Interest at one per cent (1%) per month.\n");
        assert_silent(ID, "A flat fee of $18,000 (eighteen thousand dollars) within thirty (30) days.\n");
        assert_silent(ID, "Liability is limited to one hundred per cent (100%) of the Fees.\n");
    }

    #[test]
    fn dont_flag_near_misses() {
        assert_silent(ID, "The Consultant will deliver 3 reports in two weeks.\n");
        assert_silent(ID, "Acme Ltd (the \"Client\") and one of its affiliates (2 entities).\n");
        assert_silent(ID, "Interest at one and one-half percent (1.5%) per month.\n");
        assert_silent(ID, "Paid in two instalments (50%) each.\n");
        assert_silent(ID, "```\nthirty (20)\n```\n");
    }
}
