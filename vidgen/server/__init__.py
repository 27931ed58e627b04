"""`vidgen serve`: one aiohttp server for both route families of the replaced system."""
