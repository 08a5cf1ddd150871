"""Pages of the councils module: `public.py` (the registry, a council, its meetings, calendars, documents),
`manage.py` (a council's record, composition and documents), `meetings.py` (a meeting's record)."""
