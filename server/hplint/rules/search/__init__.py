"""HP6xx — search space and search strategy, for every format.

The rules read only the normalised `Search`/`SearchParam` facts of the IR, so the same check runs
on a native config, a W&B sweep, a SageMaker tuning job, a Katib experiment, an Azure ML sweep or
a Hydra Optuna sweeper. HP609 and HP610 resolve native `search.space` paths and run on the native
format only.

HP614–HP619 are traps of one format's semantics — W&B's integer-bound inference, SageMaker's
metric directions, Azure's Bayesian sampler limits, off-by-one upper bounds in Hydra and Azure,
deprecated spellings — but they too read the IR only (`ctx.format_id` says whose semantics);
what they share is in `_formats.py`.
"""

TITLE = "Search space and strategy"
