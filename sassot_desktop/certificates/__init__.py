"""Certificates earned at workshops: their verification codes, issuing, reprints, verifying."""
