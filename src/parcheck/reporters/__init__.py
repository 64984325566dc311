"""Renderers: each turns results into text and never prints."""
