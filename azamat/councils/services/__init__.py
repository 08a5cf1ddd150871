"""Writes of the councils module: `councils.py` (the registry, secretaries, committees, documents), `members.py`
(composition and its rules), `meetings.py` (meetings, agenda, attendance, decisions, minutes)."""
