"""Tables of the streams app."""
