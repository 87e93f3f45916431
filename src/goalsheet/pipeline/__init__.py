"""The build, top to bottom (build.py): load the project once, check it (check.py), plan
every output as a typed job (jobs.py: each output package plans and makes its own), skip
what is fresh (keys.py: one key per output, site pages too; ledger.py: one record of what
was made), run the rest in parallel (runner.py), and record. html_site.py writes the HTML
site through the same keys and ledger; preview.py does it again on every change for
`serve`; clean.py and stale.py remove only what goalsheet made."""
