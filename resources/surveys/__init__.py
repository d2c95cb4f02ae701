"""Multilingual, anonymous surveys: the pages and their questions, answering,
and the results, charts and exports in the admin."""
