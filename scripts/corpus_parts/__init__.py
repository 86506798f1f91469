"""Pieces of the synthetic training-corpus generator (``scripts/make_training_corpus.py``).

Every fragment here was written for this project; none is copied from published templates or from the
evaluation corpus, which must stay unseen so its figures stay honest.
"""
