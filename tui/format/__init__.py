"""YAML briefing files: events → positioned tree → checked model; limits, problems, schema."""
