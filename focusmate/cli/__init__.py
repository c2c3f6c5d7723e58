"""The command line: the client of the running app, and the commands that need no app."""
