"""Volunteering: placements in clubs, hours given and approved, hour milestones, the Step into
Sport programme and the recognition awards. Qt-free; the screens and the CLI call these
operations."""
