"""HP1xx — learning rate, optimizer and batch size.

The scaling rules (HP103, HP105, HP106) use the effective batch B = batch_size × grad_accum_steps
× devices × nodes when the batch size is per device (the default when `devices` is given) and
B = batch_size × grad_accum_steps when it is global; k = B / the reference batch; the expected
learning rate is the reference one × k (linear family) or × √k (square-root family); see
docs/rules/HP103.md.

HP104 (batch size changed since a baseline revision, learning rate unchanged) compares with the
file's earlier text, which the caller passes to `lint()` (the CLI and the language server read
it from git); the baseline's effective batch and learning rate play the reference's part.
"""

TITLE = "Learning rate, optimizer and batch size"
