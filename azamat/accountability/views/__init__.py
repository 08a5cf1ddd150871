"""Pages of the accountability module: one item and the body's actions on it (`items.py`), the public figures,
rankings, feeds and exports (`public.py`), public-control checks (`control.py`). Each module lists its own
URL patterns; `urls.py` joins them."""
