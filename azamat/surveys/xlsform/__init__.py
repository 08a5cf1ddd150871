"""XLSForm in and out: a spreadsheet (.xlsx, .xls, .csv) read with pyxform's readers into our definition
(definition.py), checked by our rules and by pyxform's own conversion, with every problem named by sheet and row in
plain words (`reading`, `reader`); and any definition written back to an .xlsx that reads back to the same
definition (`writing`). What both share is in `common`.

`read_xlsform(data, filename, default_language=...)` returns (definition, warnings) or raises XLSFormError with
the list of problems; problems are `Problem`s (sheet, row, message in the active language), warnings are
`messages.FormWarning`s (sheet, row, a code and its values), stored as they are and put into words when shown
(`shown_warnings`), pyxform's English ones in our words.
"""

from azamat.surveys.xlsform.common import (
    MAX_BYTES,
    MAX_NAME,
    NAME,
    Problem,
    XLSFormError,
    column_name,
    located,
)
from azamat.surveys.xlsform.messages import FormWarning
from azamat.surveys.xlsform.messages import shown as shown_warnings
from azamat.surveys.xlsform.reading import check_file, read_xlsform
from azamat.surveys.xlsform.writing import normalised, template_definition, write_xlsform

__all__ = [
    "MAX_BYTES",
    "MAX_NAME",
    "NAME",
    "Problem",
    "FormWarning",
    "XLSFormError",
    "check_file",
    "column_name",
    "located",
    "normalised",
    "read_xlsform",
    "shown_warnings",
    "template_definition",
    "write_xlsform",
]
