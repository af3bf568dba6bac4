"""People: finding them, creating them, keeping their details and consent."""
