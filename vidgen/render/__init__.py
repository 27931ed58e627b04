"""Rendering: a stored script version -> an MP4 (with captions, thumbnail, storyboard)."""
