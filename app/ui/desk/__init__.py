"""The check-in desk: scanner input, result panel, counts, recent check-ins, kiosk PIN."""
