"""Where mail comes from: IMAP accounts and local Maildir, mbox and .eml folders."""
