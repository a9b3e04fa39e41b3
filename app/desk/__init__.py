"""Check-in desk logic without Qt: looking people up and describing what a scan did."""
