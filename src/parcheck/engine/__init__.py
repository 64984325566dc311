"""The engine: working days and hours, deadlines, a verdict for every check on a date, and
what a report says. It is given the date; it never reads the clock, prints or exits."""
