"""Adapters to the operating system, one module per service, each failing soft."""
