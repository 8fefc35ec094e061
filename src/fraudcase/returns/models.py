"""Tables of the returns app."""
