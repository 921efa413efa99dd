"""Prefect orchestration of courtdoc: the `clean` and `ingest` flows (see deploy/README.md)."""
