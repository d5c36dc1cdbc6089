"""Harvest stage: an agenda portal's meetings as JSON files that `kg build` reads.

>>> from kg.harvest import HarvestSettings, harvest
"""

from kg.harvest.model import HarvestReport, HarvestSettings, Listed, Outcome, Status
from kg.harvest.run import harvest

__all__ = ["HarvestReport", "HarvestSettings", "Listed", "Outcome", "Status", "harvest"]
