"""HP5xx — neural networks: dropout, shuffling, activations, output layer, normalisation."""

TITLE = "Neural networks"
