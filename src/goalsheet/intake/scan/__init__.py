"""Scannable paper: pages a client fills with a pen, read back from a scan or a photo."""
