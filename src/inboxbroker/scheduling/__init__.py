"""Scheduling: working hours, busy calendars, free time, slot proposals and matching requests to interviewers.

Every module here is pure: values in, values out; no files, network or clock (``now`` is always passed in).
"""
