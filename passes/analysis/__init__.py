"""Analyses over the IR: dominance, call graph, axis info and the work of a launch (work.py)."""
