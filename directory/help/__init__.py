"""The public "Get help now" page: hotlines and help desks from the directory's
public data, readable in English, Polish, Ukrainian and Russian."""
