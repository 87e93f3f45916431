"""Everything tests share: one place, imported as `helpers.<module>`; no test imports another."""
