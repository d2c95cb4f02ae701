"""Certificates of attendance (PDF, with a public verification page), name
badges and sign-in sheets for organisers."""
