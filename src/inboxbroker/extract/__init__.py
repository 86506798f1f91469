"""Extraction: the requester's details, proposed times, and résumé text and fields.

``fields.extract_fields`` (with ``signature`` for sign-offs, names, role and organisation) reads the
original message; ``times.extract_times`` turns proposed times into intervals; ``resume`` reads attachments;
``fields.build_extraction`` / ``fields.extraction_to_json`` assemble the ``extract --json`` object.
"""
