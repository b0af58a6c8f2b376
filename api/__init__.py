"""The HTTP layer: FastAPI routes that translate requests into calls of ``claimgraph.graph``."""
