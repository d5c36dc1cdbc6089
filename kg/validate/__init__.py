"""Validate stage: the SHACL gate every document graph passes before it is stored."""

from kg.validate.gate import Shapes, Violation, load_shapes, validate_quads

__all__ = ["Shapes", "Violation", "load_shapes", "validate_quads"]
