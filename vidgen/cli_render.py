"""Render, job and server commands (filled by the render, jobs and server work)."""
