"""edugraph: the knowledge graph of Thai basic-education planning."""

__version__ = "0.4.0"
