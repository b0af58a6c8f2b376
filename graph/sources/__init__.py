"""Who a phrase of news text names among the known sources: names, aliases, acronyms,
descriptions ("the Britain-based war monitor"), people speaking for organisations in a role,
pronouns and descriptions that point back, and new names proposed for review.

Drafting reads sentences with it; the corpus scorer compares names with its keys.

Owns: ``resolution``, ``names`` (name keys and ids).
May import: ``graph.authoring``, ``graph.terms``. Like drafting, it reads no store.
"""
