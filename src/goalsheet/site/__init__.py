"""The public handout site."""
