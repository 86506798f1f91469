"""Understanding a message: MIME parsing, forward unwrapping, automated-mail guards."""
