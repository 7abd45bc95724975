"""Research kit: the collaboration network the event log leaves behind (see issue 5)."""
