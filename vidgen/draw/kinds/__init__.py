"""The picture kinds: one module per kind, each a class with its rules, its words and its drawing,
registered with `vidgen.visual.kinds.register`. The kind registry imports every module here the first
time a kind is asked for; `base`, `lines` and `axes` hold what kinds share."""
