"""Organisers' tools: registrations per event, adding and importing attendees,
messages, invitation codes, check-in and the attendance report."""
