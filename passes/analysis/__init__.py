"""Analyses over the IR: dominance, call graph and axis info."""
