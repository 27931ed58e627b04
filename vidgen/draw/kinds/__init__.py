"""One drawer per element kind; `vidgen.draw.scene` picks them by kind."""
