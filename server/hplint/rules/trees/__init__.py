"""HP4xx — trees and boosting."""

TITLE = "Trees and boosting"
