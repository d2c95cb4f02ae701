"""Interactive branching training scenarios: the pages and their steps, the
player, progress, the admin map and analytics."""
