"""Minimum operating standards: each coach's DBS check, safeguarding, first aid and coaching
qualifications, what each coach still needs, and the reminders that ask for it."""
