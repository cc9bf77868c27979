"""The long-running service: the daemon, its scheduler, the web app, run lock and records."""
