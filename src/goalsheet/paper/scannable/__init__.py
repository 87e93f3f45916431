"""Pages printed to be filled with a pen and read back from a scan or photo."""
