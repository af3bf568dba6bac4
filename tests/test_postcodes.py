"""Postcodes written one way and placed in a district only where the postcode decides it."""

import pytest

from sassot_desktop import postcodes
from sassot_desktop.geography import DISTRICTS


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("st16 2dn", "ST16 2DN"),
        ("ST162DN", "ST16 2DN"),
        (" b77  1aa ", "B77 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("m1 1ae", "M1 1AE"),
        ("XX1 1XX", None),  # no area begins with X
        ("ST16", None),
        ("ST16 2DC", None),  # C is never an inward letter
        ("12345", None),
    ],
)
def test_postcodes_are_checked_and_normalised(typed, kept):
    assert postcodes.normalised(typed) == kept


def test_a_postcode_inside_one_district_is_placed_there():
    assert postcodes.placement("ST16 2DN") == postcodes.Placement("Stafford")
    assert postcodes.placement("WS11 1AA") == postcodes.Placement("Cannock Chase")


def test_a_straddling_postcode_is_a_choice_and_one_outside_stays_empty():
    burton_edge = postcodes.placement("DE13 7AB")
    assert burton_edge.district is None and burton_edge.needs_choice
    assert burton_edge.choices == ("East Staffordshire", "Lichfield")
    assert postcodes.placement("M1 1AE") == postcodes.Placement(None)


def test_the_shipped_table_names_only_the_nine_districts_and_covers_each():
    placed = {d for outward in ("ST1", "ST5", "ST8", "ST14", "ST16", "ST19", "WS7", "WS11", "B77")
              for d in postcodes.placement(f"{outward} 1AA").choices
              or (postcodes.placement(f"{outward} 1AA").district,)}  # fmt: skip
    assert placed == set(DISTRICTS)
