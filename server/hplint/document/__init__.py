"""The document model: one position-carrying node tree for YAML and JSON."""

from hplint.document.model import (
    AliasNode,
    Document,
    MappingEntry,
    MappingNode,
    Node,
    ParseProblem,
    PathElement,
    ScalarNode,
    ScalarStyle,
    SequenceNode,
    YamlRoot,
)

__all__ = [
    "AliasNode",
    "Document",
    "MappingEntry",
    "MappingNode",
    "Node",
    "ParseProblem",
    "PathElement",
    "ScalarNode",
    "ScalarStyle",
    "SequenceNode",
    "YamlRoot",
]
