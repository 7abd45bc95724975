"""The ticket domain: the event contract, the lifecycle, the ticket service, the scheduler and the store.

It knows nothing of chat: a report comes in as text with a sender and a place, and what the domain has to
say leaves as rows in the outbox that the chat adapter sends. Research reads the store through it.
"""
