"""Data files shipped with the app: the starter catalogue, province codes, styles, translations."""
