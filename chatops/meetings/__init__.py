"""Deciding together (议事协商, 四议两公开): matters, meetings, quorum and votes. Knows nothing of chat."""
