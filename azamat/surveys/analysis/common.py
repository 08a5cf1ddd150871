"""What every part of the analysis shares: the confidence level's z, how many values an open question lists,
the review choices of the filters, the error its reader is shown."""

Z95 = 1.959963984540054
# Open questions (text, calculate) list at most this many distinct values in a frequency table.
TOP_VALUES = 30
REVIEW_CHOICES = ("", "approved", "unreviewed", "on_hold", "rejected", "all")


class AnalysisError(ValueError):
    """Bad input to an analysis (an unknown question, a question that cannot be tabulated): its message is
    shown to the reader."""
