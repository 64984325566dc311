"""File and text safety: atomic writes that never touch an input, and text from input
files neutralised for every output format."""
