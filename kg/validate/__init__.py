"""Validate stage: the SHACL gate every document graph passes before it is stored.

Two engines give the same violations:

- ``validate_quads(quads, shapes)``: pySHACL over one document graph, the reference.
- ``validate_batch({key: quads, ...}, compile_shapes(shapes))``: the compiled engine, the
  shapes' constraints checked in Python over an index of each document graph of a batch
  (each graph validated on its own), many times faster (benchmarks/validation.py); use it
  in builds. See kg/validate/compiled.py.
"""

from kg.validate.compiled import CompiledShapes, compile_shapes, validate_batch
from kg.validate.gate import Shapes, Violation, load_shapes, validate_quads
from kg.validate.index import Written

__all__ = [
    "CompiledShapes",
    "Shapes",
    "Violation",
    "Written",
    "compile_shapes",
    "load_shapes",
    "validate_batch",
    "validate_quads",
]
