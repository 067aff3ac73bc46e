"""Action codes, menu entries and role grants of the normative-documents module (imported from AppConfig.ready)."""
