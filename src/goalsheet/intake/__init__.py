"""`goalsheet import` and `goalsheet export`: filled forms and spreadsheets into a client's
entries/, and back out as a tidy CSV. Reading is in goalsheet.read; this package turns what
was read into entries, compares them with what is there, and writes one new file."""
