"""The register as a document, like the working group's own, as PDF (fpdf2), DOCX (Office Open XML with the
standard library) and XLSX (openpyxl through `core.exports.safe_cell`); `problems` is a queryset of the problems
to export, read in a fixed number of queries (`document.register`), headings in the active language."""

from azamat.problems.exports.document import register
from azamat.problems.exports.docx import register_docx
from azamat.problems.exports.pdf import register_pdf
from azamat.problems.exports.xlsx import register_xlsx

__all__ = ["register", "register_docx", "register_pdf", "register_xlsx"]
