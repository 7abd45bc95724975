"""The chat adapter: the bot loop, commands and conversation, notices, the outbox and the transports.

Messages come in through a transport (``chatops.chat.transport``), become intents (commands, verdicts,
ratings, plain text) and reach the ticket service; what it queues in the outbox goes back out through
the same transport. Matrix wire format stays inside ``transport/matrix``.
"""
