"""Languages: gettext catalogues (Babel) for every string a person reads, and the date and
number formats of each locale."""
