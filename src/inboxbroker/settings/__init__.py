"""Settings: the declared config (frozen dataclasses), its TOML loader and value checks, and secret fetching."""
