"""Real sync engines for the sync tests (issue 19): two Syncthing daemons on loopback."""
