"""The only code that touches focusmate's data files: atomic TinyDB storage, the session
repository, and export/import files."""
