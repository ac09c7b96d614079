"""HP7xx — traps of the training frameworks' own configs (Hugging Face Trainer/TRL, …)."""

TITLE = "Framework configs"
