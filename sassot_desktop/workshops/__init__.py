"""Workshops and the bookings on them."""
