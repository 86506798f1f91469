"""The coordinators' review of drafts: one service (``review.service``) for the command line and the web page."""
