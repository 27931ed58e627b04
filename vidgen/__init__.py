"""vidgen: turn a topic into a narrated video, offline.

The package reads as the pipeline: script -> voice -> picture -> render -> jobs -> server.
`vidgen.service.Vidgen` is the one entry point the CLI and the server both adapt.
"""

__version__ = "0.1.0"
