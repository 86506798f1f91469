"""Triage: deciding what a message is (rules first, then the classifier).

``classifier.load_classifier()`` gives a ``Classifier`` whose ``classify``/``classify_many`` turn an
``Unwrapped`` into a ``Decision`` (label, calibrated probability, top features as reasons). Scoring needs only
numpy; ``training`` (the one module that imports scikit-learn) fits and saves it, ``evaluation`` scores it.
Importing this package imports neither.
"""
