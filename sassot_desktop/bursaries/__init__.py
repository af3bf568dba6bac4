"""The coach bursary scheme: rounds with a budget, coaches' applications, and the guard that
keeps the money from being promised twice."""
