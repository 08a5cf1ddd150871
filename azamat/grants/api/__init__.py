"""The grants module's REST API: calls and directions, awarded grants."""
