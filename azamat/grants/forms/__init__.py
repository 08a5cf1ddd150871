"""Forms of the grants module, one module per step as in services/."""
