"""Tiny plugins used by the framework's tests (made visible as entry points by conftest)."""
