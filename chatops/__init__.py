"""Community Whistle: chat, tickets and the store."""
