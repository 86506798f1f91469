"""Extraction: the requester's details, proposed times, and résumé text and fields."""
