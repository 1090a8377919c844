"""Hypothesis strategies of the fuzz tests: command lines and broken datasets."""
