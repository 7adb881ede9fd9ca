"""Real database servers for the test suite and the benchmarks, started on free 127.0.0.1 ports.

Not part of the installed tracker (only tests/ and benchmarks/ use it): ``neo4j`` starts Neo4j 5.26
Community through the launcher in neo4j-launcher/ (built by ``make neo4j-launcher``).
"""
from __future__ import annotations

from devservers.neo4j import Neo4jServer
from devservers.ports import free_port

__all__ = ["Neo4jServer", "free_port"]
