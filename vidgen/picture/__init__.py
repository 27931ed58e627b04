"""Pictures: designed slides, offline, drawn with Pillow."""
