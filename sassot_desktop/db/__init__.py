"""Storage: the engine and sessions, the models, and migrations run from code at start-up."""
