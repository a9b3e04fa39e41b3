"""Office tools: CSV import, CSV/XLSX export and printable check-in lists (no widgets)."""
