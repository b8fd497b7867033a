"""The district (upstream) server: receives every commune's data, sends down reference data."""
