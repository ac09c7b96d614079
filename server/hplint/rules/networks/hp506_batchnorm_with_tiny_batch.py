"""HP506 `batchnorm-with-tiny-batch`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.training import effective_batch, setup
from hplint.diagnostics import Severity
from hplint.ir import boolean
from hplint.rules._edits import short_number
from hplint.rules.api import Anchor, RuleContext, Violation, rule


@rule(code="HP506", name="batchnorm-with-tiny-batch", severity=Severity.WARNING)
def batchnorm_with_tiny_batch(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a network with `batchnorm: true` in any layer trained with fewer than 8 samples
    per device (the per-device batch: `batch_size` when it is per device, otherwise the global
    batch divided by devices × nodes).

    ## Why is this bad?
    Batch normalisation normalises with the mean and variance of the current mini-batch on each
    device. With a handful of samples those statistics are noisy and differ from the running
    averages used at inference; Wu & He (2018) measured ImageNet error rising quickly below 8
    samples per device — Group Normalization was 10.6 % better than BatchNorm at batch 2.
    GroupNorm and LayerNorm do not depend on the batch.

    ## Example
    ```yaml
    model:
      network:
        layers:
          - {units: 256, activation: relu, batchnorm: true}
    training:
      batch_size: 4
    ```

    Use instead:
    ```yaml
    model:
      network:
        layers:
          - {units: 256, activation: relu, batchnorm: true}
    training:
      batch_size: 32
    ```

    ## References
    - [WuHe18]
    """
    network = ctx.config.model.network
    if network is None:
        return
    normed = [layer for layer in network.layers if boolean(layer.batchnorm) is True]
    if not normed:
        return
    info = setup(ctx.config)
    batch = effective_batch(ctx.config.training, info.batch)
    if info.batch is None or batch is None or batch.per_device >= 8:
        return
    first = normed[0].batchnorm
    related: tuple[tuple[Anchor, str], ...] = (
        ((first.node, "batch normalisation enabled here"),) if first is not None else ()
    )
    yield Violation(
        info.batch.node,
        f"BatchNorm with {short_number(batch.per_device)} samples per device: batch statistics "
        "are noisy and error rises quickly; use GroupNorm/LayerNorm or a larger batch.",
        related=related,
    )
