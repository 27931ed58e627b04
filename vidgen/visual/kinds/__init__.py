"""One drawer per element kind; `vidgen.visual.scene` picks them by kind."""
