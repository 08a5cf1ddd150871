"""Forms of the accountability module, one module per step (`control.py`: public-control checks)."""
