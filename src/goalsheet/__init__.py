"""goalsheet: therapy goals and tracking data, from YAML to paper and back."""

__version__ = "0.1.0"
