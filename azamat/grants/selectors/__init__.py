"""Reads of the grants module: what pages, the API and exports show. They never change anything."""
