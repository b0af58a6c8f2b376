"""The shipped articles, their curated claims and the shared registry of sources."""
