"""A list sent as a CSV or XLSX file: `core.exports.spreadsheet_response`, shared by every module."""

from azamat.core.exports import CONTENT_TYPES, spreadsheet_response

__all__ = ["CONTENT_TYPES", "spreadsheet_response"]
