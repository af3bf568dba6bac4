"""Who prints the documents: the partnership the workforce officer works for."""

PARTNERSHIP = "Sport Across Staffordshire and Stoke-on-Trent"
