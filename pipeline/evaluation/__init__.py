"""Scoring against the gold set: gold loading and validation, scores, the evaluate command."""
