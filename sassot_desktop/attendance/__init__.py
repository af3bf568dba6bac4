"""The register: who came, when, and what the night's outcome was for each booking."""
