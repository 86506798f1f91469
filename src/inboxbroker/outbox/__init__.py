"""Sending mail. The only package that imports smtplib."""
