"""XLSForm in and out: a spreadsheet (.xlsx, .xls, .csv) read with pyxform's readers into our definition
(definition.py), checked by our rules and by pyxform's own conversion, with every problem named by sheet and row in
plain words (`reading`, `reader`); and any definition written back to an .xlsx that reads back to the same
definition (`writing`). What both share is in `common`.

`read_xlsform(data, filename, default_language=...)` returns (definition, warnings) or raises XLSFormError with
the list of problems; warnings and problems are `Problem`s (sheet, row, message in the active language).
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
from azamat.surveys.xlsform.reading import check_file, read_xlsform
from azamat.surveys.xlsform.writing import normalised, template_definition, write_xlsform

__all__ = [
    "MAX_BYTES",
    "MAX_NAME",
    "NAME",
    "Problem",
    "XLSFormError",
    "check_file",
    "column_name",
    "located",
    "normalised",
    "read_xlsform",
    "template_definition",
    "write_xlsform",
]
