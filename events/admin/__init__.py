"""The organisers' admin: registrations, check-in, import, messages and reports."""
