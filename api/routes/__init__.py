"""One router per resource; api/main.py composes them."""
