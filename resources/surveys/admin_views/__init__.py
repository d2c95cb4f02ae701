"""The survey screens of the Wagtail admin: results and exports (results_views.py),
and what organisers do with the answers (lifecycle.py)."""
