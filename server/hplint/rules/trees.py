"""HP4xx — trees and boosting."""

from __future__ import annotations
