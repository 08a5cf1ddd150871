"""Test support shared by every app's tests: factory_boy factories. Not imported by the running site."""
