"""Kernels the frontend tests build: golden cases, bad inputs and tutorial-style kernels."""
