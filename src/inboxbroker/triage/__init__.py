"""Triage: deciding what a message is (rules first, then the classifier)."""
