"""HP1xx — learning rate, optimizer and batch size.

The scaling rules (HP103, HP105, HP106) use the effective batch B = batch_size × grad_accum_steps
× devices × nodes when the batch size is per device (the default when `devices` is given) and
B = batch_size × grad_accum_steps when it is global; k = B / the reference batch; the expected
learning rate is the reference one × k (linear family) or × √k (square-root family); see
docs/rules/HP103.md.

HP104 (batch size changed since a baseline revision, learning rate unchanged) needs the file's
earlier text; the engine does no I/O, so it is not implemented yet (hplint/codes.py).
"""

TITLE = "Learning rate, optimizer and batch size"
