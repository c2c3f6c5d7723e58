"""The real-shell matrix (issue 17): focusmate's claims proven on real desktop shells, headless."""
