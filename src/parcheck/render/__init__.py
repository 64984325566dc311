"""Renderers: one module per output (status, report, calendar, iCalendar, template,
validate's findings). Each returns text and never prints."""
