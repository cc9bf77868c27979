"""Stage 3, items -> inboxes: subscriptions, planning editions, composing and sending digests.

``compose`` renders (premailer, dkim), ``transports`` delivers (smtplib, Maildir),
``sending`` is the use case that plans editions and works through the ledger.
"""
