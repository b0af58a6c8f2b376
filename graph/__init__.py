"""Building, storing, reasoning over and rendering the claim graph. No web code lives here."""
